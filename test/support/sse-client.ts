import { Agent, fetch } from 'undici';

// A Server-Sent Events client for tests, over fetch: collects the messages (id, event, parsed
// data, when received) and comment lines, and lets a test await a condition on them. Each stream
// has its own connection pool, destroyed on close: an aborted request on a shared pool makes
// undici open a fresh connection that sends nothing, and a server's close waits for such a
// connection until its header timeout (a minute).
export type SseMessage = { id: string; event: string; data: any; receivedAt: number };

export type SseStream = {
  status: number;
  headers: Headers;
  // The JSON error when the stream did not open.
  error: any;
  messages: SseMessage[];
  comments: string[];
  // Resolves when the server ended the stream.
  ended: Promise<void>;
  isEnded(): boolean;
  // Resolves once the predicate holds on the messages so far; rejects if the stream ends first
  // or after timeoutMs.
  until(predicate: (messages: SseMessage[]) => boolean, timeoutMs?: number): Promise<SseMessage[]>;
  close(): void;
};

export async function openSse(url: string, options: { token?: string; lastEventId?: string } = {}): Promise<SseStream> {
  const abort = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  const agent = new Agent();
  const res = await fetch(url, { headers, signal: abort.signal, dispatcher: agent });
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };
  let ended = false;
  if (res.status !== 200 || !res.body) {
    const text = await res.text();
    let error: unknown = text;
    try {
      error = JSON.parse(text);
    } catch {
      // not JSON
    }
    return {
      status: res.status,
      headers: res.headers,
      error,
      messages,
      comments,
      ended: agent.close(),
      isEnded: () => true,
      until: () => Promise.reject(new Error(`Stream not open (${res.status})`)),
      close: () => undefined,
    };
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const endedPromise = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else {
              const colon = line.indexOf(':');
              fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '');
            }
          }
          if (fields.data !== undefined) {
            messages.push({ id: fields.id ?? '', event: fields.event ?? 'message', data: JSON.parse(fields.data), receivedAt: Date.now() });
          }
        }
        notify();
      }
    } catch {
      // aborted by close()
    } finally {
      ended = true;
      notify();
      await agent.destroy().catch(() => undefined);
    }
  })();
  return {
    status: res.status,
    headers: res.headers,
    error: null,
    messages,
    comments,
    ended: endedPromise,
    isEnded: () => ended,
    until: (predicate, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (predicate(messages)) done(() => resolve(messages));
          else if (ended) done(() => reject(new Error(`Stream ended first; got ${messages.map((m) => m.event).join(', ')}`)));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`Timed out; got ${messages.map((m) => `${m.id}:${m.event}`).join(', ')}`))),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      }),
    close: () => {
      abort.abort();
      void agent.destroy().catch(() => undefined);
    },
  };
}
