import { setTimeout as wait } from 'node:timers/promises';
import { answer, Api } from '../api/api-client';
import { Fetcher, followEvents } from './event-stream';
import { applyEvent, ExecutionView, FinalStatus, FollowState, fromExecution, isFinal } from './follow-state';
import { ProgressView } from './progress-view';

export const getExecution = (api: Api, id: string) =>
  answer<ExecutionView>(api.GET('/api/v1/executions/{id}', { params: { path: { id } } }));

export type FollowRunOptions = {
  api: Api;
  // The authorised fetch and gateway of the session, for the event stream.
  fetch: Fetcher;
  baseUrl: string;
  view: ProgressView;
  // Polling where the gateway has no event stream.
  pollMs?: number;
  // A slow look at the run beside the stream: should the `finished` event never come (a stream
  // opened just after the run ended, a proxy that drops it), the command still ends.
  safetyPollMs?: number;
};

// Shows a run until it ends, live from its event stream, or by polling the run every 500 ms where
// the gateway has no event stream. Answers the run as it ended.
export async function followRun(
  executionId: string,
  options: FollowRunOptions,
): Promise<{ execution: ExecutionView; status: FinalStatus }> {
  const { api, view, pollMs = 500, safetyPollMs = 2_000 } = options;
  let state: FollowState = fromExecution(await getExecution(api, executionId));
  view.update(state);
  try {
    if (!isFinal(state.status)) {
      const stop = new AbortController();
      const safety = watchForEnd(api, executionId, safetyPollMs, stop);
      const outcome = await followEvents({
        fetch: options.fetch,
        url: `${options.baseUrl}/api/v1/executions/${encodeURIComponent(executionId)}/events`,
        signal: stop.signal,
        onEvent: (event) => {
          state = applyEvent(state, event);
          view.update(state);
        },
      }).finally(() => stop.abort());
      await safety;
      while (outcome === 'unavailable' && !isFinal(state.status)) {
        await wait(pollMs);
        state = fromExecution(await getExecution(api, executionId));
        view.update(state);
      }
    }
    // The projection is written with the event, so the run reads as finished now.
    const execution = await getExecution(api, executionId);
    const final = fromExecution(execution);
    view.update(final);
    const status = isFinal(final.status) ? final.status : isFinal(state.status) ? state.status : 'Failed';
    return { execution, status };
  } finally {
    view.stop();
  }
}

// Aborts `stop` when the run is seen finished; returns when `stop` is aborted by anyone.
async function watchForEnd(api: Api, executionId: string, everyMs: number, stop: AbortController): Promise<void> {
  while (!stop.signal.aborted) {
    try {
      await wait(everyMs, undefined, { signal: stop.signal });
      if (isFinal((await getExecution(api, executionId)).status)) stop.abort();
    } catch {
      // Aborted, or a failed look: the stream goes on and says what is wrong.
    }
  }
}
