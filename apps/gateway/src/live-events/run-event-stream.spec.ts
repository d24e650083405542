import { HistoryAnswer } from './run-event-history.client';
import { RunEventListener } from './live-run-events';
import { RunEventStream, RunEventStreamDeps } from './run-event-stream';
import { RunEvent } from './run-event-view';

const EXECUTION = '11111111-1111-4111-8111-111111111111';
const WORKFLOW = '22222222-2222-4222-8222-222222222222';
const event = (cursor: number, type = 'stage-progressed'): RunEvent => ({
  cursor: String(cursor),
  type: `workflows.execution.${type}`,
  executionId: EXECUTION,
  workflowId: WORKFLOW,
  occurredAt: '2026-12-06T20:00:00.000Z',
  payload: {},
});
const page = (items: RunEvent[], cursor: number, more = false): HistoryAnswer => ({
  ok: true,
  page: { items, cursor: String(cursor), more },
});
const flush = () => new Promise((resolve) => setImmediate(resolve));

// A stream over a scripted history and a live feed the test drives.
function sut(
  kind: 'execution' | 'workflow',
  history: (after: string | null) => Promise<HistoryAnswer> | HistoryAnswer,
  after: string | null = null,
) {
  const written: string[] = [];
  const reads: (string | null)[] = [];
  let listener: RunEventListener | undefined;
  let unsubscribed = false;
  let ended = false;
  let revoked: string | null = null;
  const deps: RunEventStreamDeps = {
    kind,
    after,
    history: async (cursor) => {
      reads.push(cursor);
      return history(cursor);
    },
    subscribe: (l) => {
      listener = l;
      return () => (unsubscribed = true);
    },
    revoked: () => revoked,
    write: (chunk) => written.push(chunk),
    end: () => (ended = true),
    onError: () => undefined,
    keepAliveMs: 60_000,
    recheckMs: 60_000,
    sessionCheckMs: 1_000,
  };
  const stream = new RunEventStream(deps);
  return {
    stream,
    reads,
    live: (e: RunEvent) => listener!(e),
    ids: () => written.filter((w) => w.startsWith('id: ')).map((w) => w.split('\n')[0]!.slice(4)),
    comments: () => written.filter((w) => w.startsWith(':')),
    revoke: (reason: string) => (revoked = reason),
    state: () => ({ ended, unsubscribed }),
  };
}

describe('RunEventStream', () => {
  afterEach(() => jest.useRealTimers());

  it('holds live events during the first history read: each goes out once, in order', async () => {
    const s = sut('execution', () => {
      // Arrive while the history is being read: one it also returns, one after it.
      s.live(event(3));
      s.live(event(4));
      return page([event(1, 'created'), event(2, 'started'), event(3)], 3);
    });
    expect(await s.stream.open()).toEqual({ ok: true });
    expect(s.ids()).toEqual(['1', '2', '3', '4']);
    s.live(event(4));
    s.live(event(2));
    expect(s.ids()).toEqual(['1', '2', '3', '4']);
    s.stream.close();
  });

  it('fills a jump in the versions from the history (a message the feed missed)', async () => {
    const s = sut('execution', (after) => (after === null ? page([event(1, 'created')], 1) : page([event(2), event(3)], 3)));
    await s.stream.open();
    s.live(event(3));
    await flush();
    expect(s.reads).toEqual([null, '1']);
    expect(s.ids()).toEqual(['1', '2', '3']);
    s.stream.close();
  });

  it('resumes after Last-Event-ID and reads every page', async () => {
    const s = sut('execution', (after) => (after === '5' ? page([event(6), event(7)], 7, true) : page([event(8)], 8)), '5');
    await s.stream.open();
    expect(s.reads).toEqual(['5', '7']);
    expect(s.ids()).toEqual(['6', '7', '8']);
    s.stream.close();
  });

  it("ends a run's stream after its finished event, and sends nothing more", async () => {
    const s = sut('execution', () => page([event(1, 'created')], 1));
    await s.stream.open();
    s.live(event(2, 'finished'));
    s.live(event(3));
    expect(s.ids()).toEqual(['1', '2']);
    expect(s.state()).toEqual({ ended: true, unsubscribed: true });
  });

  it('answers an error of the first read and writes nothing (a run that is not the caller’s)', async () => {
    const s = sut('execution', () => ({ ok: false, status: 404, body: { error: { code: 'WORKFLOWS.EXECUTION_NOT_FOUND' } } }));
    expect(await s.stream.open()).toMatchObject({ ok: false, status: 404 });
    expect(s.ids()).toEqual([]);
    expect(s.state().unsubscribed).toBe(true);
  });

  it('ends when a later read is refused (access withdrawn), saying why', async () => {
    const s = sut('execution', (after) => (after === null ? page([event(1, 'created')], 1) : { ok: false, status: 404, body: null }));
    await s.stream.open();
    s.live(event(5));
    await flush();
    expect(s.comments()).toEqual([': closed: access withdrawn\n\n']);
    expect(s.state().ended).toBe(true);
  });

  it('ends when the session is revoked', async () => {
    jest.useFakeTimers();
    const s = sut('execution', () => page([], 0));
    await s.stream.open();
    jest.advanceTimersByTime(1_000);
    expect(s.state().ended).toBe(false);
    s.revoke('session revoked');
    jest.advanceTimersByTime(1_000);
    expect(s.comments()).toEqual([': closed: session revoked\n\n']);
    expect(s.state().ended).toBe(true);
  });

  it("reads a workflow's history after its cursor on every live event, since Kafka does not carry positions", async () => {
    const pages: Record<string, HistoryAnswer> = { null: page([], 100), '100': page([event(120, 'created')], 130) };
    const s = sut('workflow', (after) => pages[String(after)]!);
    await s.stream.open();
    s.live(event(1, 'created'));
    await flush();
    expect(s.reads).toEqual([null, '100']);
    expect(s.ids()).toEqual(['120']);
    s.stream.close();
  });
});
