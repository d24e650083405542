import { BodyFormat, splitBody } from '../../domain/body-splitter';
import { redactHeaders } from '../../../data-sources/domain/secret-headers';
import { ReadContext, ResolvedSource, tooLarge } from './source-reader';

const RETRIES = 2;
const backoffMs = (retry: number) => 200 * 2 ** retry;

class BodyTooLarge extends Error {
  constructor(readonly size: number) {
    super('body too large');
  }
}

// One HTTP request (retried twice with backoff on network errors, timeouts, 5xx and 429),
// its body split into items by format.
export async function readApiSource(source: ResolvedSource, ctx: ReadContext): Promise<void> {
  const config = source.row.config as { url: string; method: 'GET' | 'POST'; headers?: Record<string, string>; body?: unknown; format?: BodyFormat };
  const headers: Record<string, string> = { 'user-agent': 'mindhill-ingestion/1', ...config.headers, ...source.credentials.headers };
  let body: string | undefined;
  if (config.method === 'POST' && config.body !== undefined) {
    body = typeof config.body === 'string' ? config.body : JSON.stringify(config.body);
    if (typeof config.body !== 'string') headers['content-type'] ??= 'application/json';
  }
  ctx.stats.headersSent[source.label] = redactHeaders(headers);

  let lastProblem = 'no answer';
  for (let attempt = 0; attempt <= RETRIES; attempt++) {
    if (attempt > 0) {
      ctx.stats.retryAttempts++;
      await new Promise((r) => setTimeout(r, backoffMs(attempt - 1)));
    }
    const started = performance.now();
    ctx.stats.requests++;
    try {
      const response = await fetch(config.url, { method: config.method, headers, body, redirect: 'follow', signal: AbortSignal.timeout(ctx.timeoutMs) });
      const bytes = await readCapped(response, ctx.maxBytes);
      ctx.stats.responseTimesMs.push(performance.now() - started);
      ctx.stats.headersReceived[source.label] = pick(response.headers, ['content-type', 'content-length', 'etag', 'last-modified']);
      if (response.status >= 500 || response.status === 429) {
        lastProblem = `HTTP ${response.status}`;
        continue;
      }
      if (response.status >= 400) {
        ctx.fail(source, `HTTP ${response.status}`, false);
        return;
      }
      const contentType = response.headers.get('content-type');
      const baseName = nameOf(config.url);
      for (const item of splitBody(bytes, contentType, config.format ?? 'auto')) {
        await ctx.emit(source, item.suffix ? `${baseName}${item.suffix}` : baseName, item.bytes, item.mimeType ?? contentType);
      }
      return;
    } catch (error) {
      ctx.stats.responseTimesMs.push(performance.now() - started);
      if (error instanceof BodyTooLarge) {
        ctx.fail(source, tooLarge(error.size, ctx.maxBytes), false);
        return;
      }
      lastProblem = describe(error);
    }
  }
  ctx.fail(source, `${lastProblem} after ${RETRIES + 1} attempts`, true);
}

async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLarge(declared);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  if (!response.body) return Buffer.alloc(0);
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new BodyTooLarge(size);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

function nameOf(url: string): string {
  const u = new URL(url);
  const last = u.pathname.split('/').filter(Boolean).pop();
  return (last ? decodeURIComponent(last) : u.hostname).slice(0, 400);
}

function pick(headers: Headers, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = headers.get(n);
    if (v !== null) out[n] = v;
  }
  return out;
}

function describe(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timed out';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? 'request failed';
}
