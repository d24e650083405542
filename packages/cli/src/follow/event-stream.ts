import { setTimeout as wait } from 'node:timers/promises';
import { createParser, EventSourceMessage } from 'eventsource-parser';
import { apiError, CliError, EXIT } from '../cli-error';
import { EVENT_TYPES, RunEvent } from './follow-state';

export type Fetcher = (request: Request) => Promise<Response>;
export type StreamOutcome = 'finished' | 'unavailable' | 'stopped';

// Feeds the messages of a text/event-stream body to onMessage (keep-alive comments are skipped
// by the parser); resolves when the server ends the stream, or as soon as `done()` says so after a
// chunk: leaving the loop cancels the body, which is how the connection is let go. (Aborting the
// fetch from inside the loop instead could leave undici's read pending with nothing to wake it.)
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onMessage: (message: EventSourceMessage) => void,
  done: () => boolean = () => false,
): Promise<void> {
  const parser = createParser({ onEvent: onMessage });
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    if (done()) return;
  }
}

export type FollowEventsOptions = {
  fetch: Fetcher;
  url: string;
  onEvent: (event: RunEvent) => void;
  // Ends the following from outside (the run was seen finished another way): 'stopped'.
  signal?: AbortSignal;
  // Reconnections in a row without a new event before giving up.
  maxReconnects?: number;
  retryDelayMs?: number;
};

// GET /api/v1/executions/:id/events until the `finished` event. A dropped connection is resumed
// with Last-Event-ID, so no event is missed or repeated. 'unavailable': the gateway has no such
// route (404 before any event), and the caller polls instead.
export async function followEvents(options: FollowEventsOptions): Promise<StreamOutcome> {
  const { maxReconnects = 5, retryDelayMs = 500, signal } = options;
  let lastEventId: string | undefined;
  let failures = 0;
  for (;;) {
    if (signal?.aborted) return 'stopped';
    let finished = false;
    let progressed = false;
    // One connection: let go once `finished` arrives (the server should end the stream then, but
    // a proxy may hold it open), aborted when the caller stops.
    const connection = new AbortController();
    let stopped = () => {};
    // Resolves when the caller stops: the pending read is then left behind, not awaited.
    const stopping = new Promise<void>((resolve) => (stopped = resolve));
    const stop = () => {
      connection.abort();
      stopped();
    };
    signal?.addEventListener('abort', stop, { once: true });
    try {
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (lastEventId) headers['last-event-id'] = lastEventId;
      const response = await options.fetch(new Request(options.url, { headers, signal: connection.signal }));
      if (response.status === 404 && lastEventId === undefined) return 'unavailable';
      if (!response.ok || !response.body) throw apiError(response.status, await response.json().catch(() => null));
      const reading = readEventStream(
        response.body,
        (message) => {
          if (message.id) lastEventId = message.id;
          const event = toRunEvent(message);
          if (!event || finished) return;
          progressed = true;
          options.onEvent(event);
          if (event.type === 'finished') finished = true;
        },
        () => finished,
      );
      reading.catch(() => undefined);
      await Promise.race([reading, stopping]);
    } catch (error) {
      // An API refusal (401, 403…) will not heal by retrying; a broken connection may.
      if (!finished && !signal?.aborted && error instanceof CliError && error.exitCode === EXIT.apiError) throw error;
    } finally {
      signal?.removeEventListener('abort', stop);
    }
    if (finished) return 'finished';
    if (signal?.aborted) return 'stopped';
    failures = progressed ? 1 : failures + 1;
    if (failures > maxReconnects) {
      throw new CliError(
        'CLI.STREAM_LOST',
        `The run's event stream ended ${failures} times without news; see mindhill executions show`,
        EXIT.unreachable,
      );
    }
    try {
      await wait(retryDelayMs * failures, undefined, { signal });
    } catch {
      return 'stopped';
    }
  }
}
function toRunEvent(message: EventSourceMessage): RunEvent | null {
  const type = EVENT_TYPES.find((t) => t === message.event);
  if (!type) return null;
  const data: unknown = JSON.parse(message.data);
  const payload = typeof data === 'object' && data !== null ? Reflect.get(data, 'payload') : undefined;
  return { type, payload: typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {} };
}
