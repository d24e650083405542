import { describe, expect, it } from '@jest/globals';
import { followEventStream, readEventStream, type Connect, type StreamMessage } from './event-stream';

const encoder = new TextEncoder();
// A body that delivers these chunks, then ends (or breaks, like a dropped connection).
function body(chunks: string[], breaks = false): ReadableStream<Uint8Array> {
  const left = [...chunks];
  return new ReadableStream({
    pull(controller) {
      const next = left.shift();
      if (next !== undefined) controller.enqueue(encoder.encode(next));
      else if (breaks) controller.error(new Error('connection reset'));
      else controller.close();
    },
  });
}
const frame = (id: number, event: string) => `id: ${id}\nevent: ${event}\ndata: {"type":"${event}","payload":{}}\n\n`;

describe('readEventStream', () => {
  it('parses messages split across chunks and skips keep-alive comments', async () => {
    const got: StreamMessage[] = [];
    const whole = frame(1, 'started') + ': keep-alive\n\n' + frame(2, 'stage-requested');
    await readEventStream(body([whole.slice(0, 7), whole.slice(7, 40), whole.slice(40)]), (m) => got.push(m));
    expect(got.map((m) => [m.id, m.event])).toEqual([
      ['1', 'started'],
      ['2', 'stage-requested'],
    ]);
    expect(JSON.parse(got[0]!.data)).toEqual({ type: 'started', payload: {} });
  });
});

describe('followEventStream', () => {
  const run = (connect: Connect, done: (events: string[]) => boolean) => {
    const events: string[] = [];
    const waits: number[] = [];
    const outcome = followEventStream({
      connect,
      onMessage: (m) => events.push(m.event ?? ''),
      isDone: () => done(events),
      signal: new AbortController().signal,
      backoffMs: (n) => n * 100,
      wait: async (ms) => void waits.push(ms),
    });
    return { events, waits, outcome };
  };

  it('resumes a dropped stream after the last id it got, until the end', async () => {
    const asked: (string | undefined)[] = [];
    const answers = [body([frame(1, 'started'), frame(2, 'stage-requested')], true), body([frame(3, 'finished')])];
    const s = run(
      async (lastEventId) => (asked.push(lastEventId), { ok: true, body: answers.shift()! }),
      (e) => e.includes('finished'),
    );
    expect(await s.outcome).toEqual({ kind: 'done' });
    expect(asked).toEqual([undefined, '2']);
    expect(s.events).toEqual(['started', 'stage-requested', 'finished']);
    expect(s.waits).toEqual([100]);
  });

  it('hands back a refusal of the first request (the caller polls instead)', async () => {
    const s = run(
      async () => ({ ok: false, status: 429, error: { error: { code: 'GATEWAY.TOO_MANY_STREAMS' } } }),
      () => false,
    );
    expect(await s.outcome).toMatchObject({ kind: 'refused', status: 429 });
  });

  it('waits longer after each attempt without news, then gives up', async () => {
    let first = true;
    const s = run(
      async () => {
        if (first) return ((first = false), { ok: true, body: body([frame(1, 'started')]) });
        return { ok: false, status: 502, error: null };
      },
      () => false,
    );
    expect(await s.outcome).toEqual({ kind: 'lost' });
    expect(s.waits).toEqual([100, 200, 300, 400, 500, 600]);
  });

  it('stops for good on a refusal that will not heal (access withdrawn)', async () => {
    let first = true;
    const s = run(
      async () => {
        if (first) return ((first = false), { ok: true, body: body([frame(1, 'started')]) });
        return { ok: false, status: 404, error: null };
      },
      () => false,
    );
    expect(await s.outcome).toMatchObject({ kind: 'refused', status: 404 });
  });
});
