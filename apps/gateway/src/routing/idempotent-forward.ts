import { Agent, request } from 'undici';

export type UpstreamAnswer = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

// Headers of one hop only: never forwarded either way (undici refuses some of them outright).
export const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'content-length',
]);

// A call with a claimed Idempotency-Key goes upstream through here, not through reply-from: its
// answer must be read and kept even when the client has gone meanwhile. reply-from drops the
// answer of an aborted request without telling, which would leave the key claimed until it lapses
// and let the client's retry after that be a second effect.
export class IdempotentForwarder {
  private readonly agent = new Agent({ connections: 32, pipelining: 1, keepAliveTimeout: 30_000 });

  constructor(private readonly timeoutMs: number) {}

  async post(url: string, headers: Record<string, string | string[] | undefined>, body: unknown): Promise<UpstreamAnswer> {
    const json = body === undefined ? undefined : JSON.stringify(body);
    const res = await request(url, {
      method: 'POST',
      headers: json === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: json,
      dispatcher: this.agent,
      // The whole call, answer included, within the timeout: the key's claim outlives it by a margin.
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    return { status: res.statusCode, headers: res.headers, body: Buffer.from(await res.body.arrayBuffer()) };
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
