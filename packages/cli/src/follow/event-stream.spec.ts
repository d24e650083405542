import { applyEvent, exitCodeFor, fromExecution, isFinal, RunEvent } from './follow-state';
import { Fetcher, followEvents } from './event-stream';
import { linesView } from './progress-view';
import { Writable } from 'node:stream';

const executionId = '6f1c2a8e-0000-4000-8000-000000000001';
const URL = `http://gateway.test/api/v1/executions/${executionId}/events`;

function message(id: number, type: string, payload: Record<string, unknown>) {
  const data = { type, executionId, workflowId: 'w', occurredAt: '2026-12-06T20:00:00Z', payload };
  return `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

// A text/event-stream body cut into chunks at awkward places (mid-line, mid-field).
function stream(text: string, chunkSize = 7): Response {
  const bytes = new TextEncoder().encode(text);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += chunkSize) controller.enqueue(bytes.slice(i, i + chunkSize));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

// A fake gateway: answers each connection with the next canned response, recording Last-Event-ID.
function gateway(...answers: Response[]) {
  const lastEventIds: (string | null)[] = [];
  const fetch: Fetcher = async (request) => {
    lastEventIds.push(request.headers.get('last-event-id'));
    const next = answers.shift();
    if (!next) throw new Error('no more canned answers');
    return next;
  };
  return { fetch, lastEventIds };
}

const SUCCESS_RUN =
  ': keep-alive\n\n' +
  message(1, 'created', {
    stages: [
      { order: 1, name: 'fetching' },
      { order: 2, name: 'processing' },
    ],
  }) +
  message(2, 'started', {}) +
  message(3, 'stage-requested', { stageOrder: 1, stageName: 'fetching' }) +
  message(4, 'stage-progressed', { stageOrder: 1, itemsTotal: 2, itemsProcessed: 1, progressPercentage: 50 }) +
  ': keep-alive\n\n' +
  message(5, 'stage-completed', { stageOrder: 1, itemsTotal: 2, itemsProcessed: 2 }) +
  message(6, 'stage-requested', { stageOrder: 2, stageName: 'processing' }) +
  message(7, 'stage-completed', { stageOrder: 2, itemsTotal: 2, itemsProcessed: 2 }) +
  message(8, 'finished', { status: 'Success', errorCode: null });

async function follow(fetch: Fetcher) {
  const events: RunEvent[] = [];
  const outcome = await followEvents({ fetch, url: URL, onEvent: (e) => events.push(e), retryDelayMs: 1 });
  const state = events.reduce(applyEvent, fromExecution({ id: executionId, status: 'Created' }));
  return { outcome, events, state };
}

describe('following a run over its event stream', () => {
  it('turns a canned stream into stage bars and exit code 0 on Success', async () => {
    const { outcome, events, state } = await follow(gateway(stream(SUCCESS_RUN)).fetch);
    expect(outcome).toBe('finished');
    expect(events.map((e) => e.type)).toEqual([
      'created',
      'started',
      'stage-requested',
      'stage-progressed',
      'stage-completed',
      'stage-requested',
      'stage-completed',
      'finished',
    ]);
    expect(state.stages.map((s) => [s.name, s.status, s.percentage])).toEqual([
      ['fetching', 'Success', 100],
      ['processing', 'Success', 100],
    ]);
    expect(isFinal(state.status) && exitCodeFor(state.status)).toBe(0);
  });

  it('exits non-zero on a failed and on a cancelled run', async () => {
    const failed = await follow(
      gateway(stream(message(1, 'finished', { status: 'Failed', errorCode: 'INGESTION.SOURCE_UNREACHABLE' }))).fetch,
    );
    expect(failed.state).toMatchObject({ status: 'Failed', errorCode: 'INGESTION.SOURCE_UNREACHABLE' });
    expect(exitCodeFor('Failed')).toBe(1);
    const cancelled = await follow(gateway(stream(message(1, 'finished', { status: 'Cancelled', errorCode: null }))).fetch);
    expect(cancelled.state.status).toBe('Cancelled');
  });

  it('resumes after a dropped connection with Last-Event-ID, without gaps or repeats', async () => {
    const cut = SUCCESS_RUN.indexOf('id: 5');
    const first = SUCCESS_RUN.slice(0, cut + 20); // the stream breaks in the middle of event 5
    const rest = SUCCESS_RUN.slice(cut);
    const server = gateway(stream(first), stream(rest));
    const { outcome, events } = await follow(server.fetch);
    expect(outcome).toBe('finished');
    expect(server.lastEventIds).toEqual([null, '4']);
    expect(events.filter((e) => e.type === 'stage-completed')).toHaveLength(2);
    expect(events).toHaveLength(8);
  });

  it('answers unavailable when the gateway has no event route (404), so the caller polls', async () => {
    const notFound = new Response(JSON.stringify({ error: { code: 'GATEWAY.NOT_FOUND', message: 'no route' } }), { status: 404 });
    expect((await follow(gateway(notFound).fetch)).outcome).toBe('unavailable');
  });

  it('stops with the API error code on a refusal instead of reconnecting', async () => {
    const forbidden = new Response(JSON.stringify({ error: { code: 'WORKFLOWS.EXECUTION_NOT_FOUND', message: 'not yours' } }), {
      status: 403,
    });
    await expect(follow(gateway(forbidden).fetch)).rejects.toMatchObject({ code: 'WORKFLOWS.EXECUTION_NOT_FOUND', exitCode: 3 });
  });

  it('gives up with CLI.STREAM_LOST when the stream keeps ending without news', async () => {
    const empty = () => stream(': keep-alive\n\n');
    await expect(follow(gateway(empty(), empty(), empty(), empty(), empty(), empty()).fetch)).rejects.toMatchObject({
      code: 'CLI.STREAM_LOST',
    });
  });

  it('prints one line per stage status change where there is no terminal', async () => {
    const written: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (written.push(chunk.toString()), done()) });
    const view = linesView(sink);
    const { events } = await follow(gateway(stream(SUCCESS_RUN)).fetch);
    events.reduce(
      (state, event) => {
        const next = applyEvent(state, event);
        view.update(next);
        return next;
      },
      fromExecution({ id: executionId, status: 'Created' }),
    );
    expect(written.join('')).toBe(
      'stage 1 fetching: InProgress (0/0 items)\nstage 1 fetching: Success (2/2 items)\nstage 2 processing: InProgress (0/0 items)\nstage 2 processing: Success (2/2 items)\n',
    );
  });
});
