import createClient from 'openapi-fetch';
import type { paths } from '../../../api-types/openapi';
import { followRun } from './follow-run';
import { FollowState } from './follow-state';
import { ProgressView } from './progress-view';

const ID = '6f1c2a8e-0000-4000-8000-000000000001';
const BASE = 'http://gateway.test';

const run = (status: string, stageStatus: string, processed = 0) => ({
  id: ID,
  status,
  errorCode: status === 'Failed' ? 'INGESTION.SOURCE_UNREACHABLE' : null,
  stages: [
    { order: 1, name: 'fetch', status: stageStatus, itemsToProcess: 2, itemsProcessed: processed, progressPercentage: processed * 50 },
  ],
});
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

// A fake gateway: GET /executions/:id answers the next snapshot (the last one repeats); the
// events route answers what `events` makes of the request.
function gateway(snapshots: unknown[], events: (request: Request) => Response) {
  const seen = { snapshots: 0, eventRequests: [] as Request[] };
  const fetch = async (request: Request) => {
    if (request.url.endsWith('/events')) {
      seen.eventRequests.push(request);
      return events(request);
    }
    seen.snapshots++;
    return json(snapshots.length > 1 ? snapshots.shift() : snapshots[0]);
  };
  const api = createClient<paths>({ baseUrl: BASE, fetch });
  return { seen, options: { api, fetch, baseUrl: BASE, pollMs: 1, safetyPollMs: 5 } };
}

function recordingView() {
  const states: FollowState[] = [];
  let stopped = false;
  const view: ProgressView = { update: (s) => states.push(s), stop: () => (stopped = true) };
  return { view, states, stopped: () => stopped };
}

// An event stream that sends one keep-alive and then stays open until the request is aborted.
function openForever(request: Request): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(': keep-alive\n\n'));
      request.signal.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

describe('following a run (run --follow)', () => {
  it('polls the run where the gateway has no event stream (404), until it ends', async () => {
    const { seen, options } = gateway(
      [run('InProgress', 'InProgress', 0), run('InProgress', 'InProgress', 1), run('Success', 'Success', 2)],
      () => json({ error: { code: 'GATEWAY.NOT_FOUND', message: 'no route' } }, 404),
    );
    const { view, states, stopped } = recordingView();
    const result = await followRun(ID, { ...options, view });
    expect(result.status).toBe('Success');
    expect(states.map((s) => s.stages[0]!.itemsProcessed)).toEqual(expect.arrayContaining([0, 1, 2]));
    expect(seen.eventRequests).toHaveLength(1);
    expect(stopped()).toBe(true);
  });

  it('ends when the run is seen finished even if the stream never says so, closing the stream', async () => {
    const { seen, options } = gateway(
      [run('InProgress', 'InProgress'), run('InProgress', 'InProgress'), run('Failed', 'Failed')],
      openForever,
    );
    const { view } = recordingView();
    const result = await followRun(ID, { ...options, view });
    expect(result).toMatchObject({ status: 'Failed', execution: { errorCode: 'INGESTION.SOURCE_UNREACHABLE' } });
    expect(seen.eventRequests[0]!.signal.aborted).toBe(true);
  });

  it('does not open a stream for a run that has already ended', async () => {
    const { seen, options } = gateway([run('Success', 'Success', 2)], openForever);
    const { view } = recordingView();
    expect((await followRun(ID, { ...options, view })).status).toBe('Success');
    expect(seen.eventRequests).toHaveLength(0);
  });
});
