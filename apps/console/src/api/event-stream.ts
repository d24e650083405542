// Follows a Server-Sent Events stream over fetch: EventSource cannot send the bearer header. A
// dropped connection is resumed with Last-Event-ID (the gateway then sends what came after it,
// no gap, no repeat), with a growing pause between attempts; a refusal is handed back so the
// caller can poll instead.
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export type StreamMessage = EventSourceMessage;
export type Opened = { ok: true; body: ReadableStream<Uint8Array> } | { ok: false; status: number; error: unknown };
export type Connect = (lastEventId: string | undefined, signal: AbortSignal) => Promise<Opened>;
export type FollowOutcome = { kind: 'done' } | { kind: 'stopped' } | { kind: 'refused'; status: number; error: unknown } | { kind: 'lost' };

export type FollowOptions = {
  connect: Connect;
  onMessage: (message: StreamMessage) => void;
  // True once the last message the caller wants has arrived (a run's `finished`).
  isDone: () => boolean;
  signal: AbortSignal;
  // Attempts in a row that bring nothing new before giving up.
  maxAttempts?: number;
  backoffMs?: (attempt: number) => number;
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
};

// Worth another try later: too many streams or requests, the gateway or a service away.
const TRANSIENT = [429, 502, 503, 504];

export const backoff = (attempt: number) => Math.min(10_000, 500 * 2 ** (attempt - 1));

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

// Feeds the messages of a text/event-stream body to onMessage (keep-alive comments are skipped);
// returns when the server ends it, or once isDone() holds after a chunk (leaving the loop
// cancels the body, which lets the connection go).
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onMessage: (message: StreamMessage) => void,
  isDone: () => boolean = () => false,
): Promise<void> {
  const parser = createParser({ onEvent: onMessage });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parser.feed(decoder.decode(value, { stream: true }));
      if (isDone()) return;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}

export async function followEventStream(options: FollowOptions): Promise<FollowOutcome> {
  const { connect, signal, isDone, maxAttempts = 6, backoffMs = backoff, wait = sleep } = options;
  let lastEventId: string | undefined;
  let failures = 0;
  for (;;) {
    if (signal.aborted) return { kind: 'stopped' };
    let opened: Opened | null = null;
    try {
      opened = await connect(lastEventId, signal);
    } catch {
      // A network error: tried again below.
    }
    if (opened && !opened.ok) {
      // The first answer decides whether there is a stream at all; later, only a transient
      // refusal is worth waiting for (a 401 or 404 will not heal).
      if (lastEventId === undefined && failures === 0) return { kind: 'refused', status: opened.status, error: opened.error };
      if (!TRANSIENT.includes(opened.status)) return { kind: 'refused', status: opened.status, error: opened.error };
    }
    if (opened?.ok) {
      let news = false;
      try {
        await readEventStream(
          opened.body,
          (message) => {
            if (message.id) lastEventId = message.id;
            news = true;
            options.onMessage(message);
          },
          isDone,
        );
      } catch {
        // The connection broke: resumed below.
      }
      if (isDone()) return { kind: 'done' };
      if (news) failures = 0;
    }
    if (signal.aborted) return { kind: 'stopped' };
    failures++;
    if (failures > maxAttempts) return { kind: 'lost' };
    await wait(backoffMs(failures), signal);
  }
}
