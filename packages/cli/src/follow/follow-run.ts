import { setTimeout as wait } from 'node:timers/promises';
import { answer, Api, Session } from '../api/api-client';
import { applyEvent, ExecutionView, FinalStatus, FollowState, fromExecution, isFinal } from './follow-state';
import { followEvents } from './event-stream';
import { ProgressView } from './progress-view';

const POLL_MS = 500;

export const getExecution = (api: Api, id: string) =>
  answer<ExecutionView>(api.GET('/api/v1/executions/{id}', { params: { path: { id } } }));

// Shows a run until it ends, live from its event stream, or by polling the run every 500 ms where
// the gateway has no event stream. Answers the run as it ended.
export async function followRun(
  api: Api,
  session: Session,
  executionId: string,
  view: ProgressView,
): Promise<{ execution: ExecutionView; status: FinalStatus }> {
  let state: FollowState = fromExecution(await getExecution(api, executionId));
  view.update(state);
  try {
    if (!isFinal(state.status)) {
      const outcome = await followEvents({
        fetch: session.fetch,
        url: `${session.baseUrl}/api/v1/executions/${encodeURIComponent(executionId)}/events`,
        onEvent: (event) => {
          state = applyEvent(state, event);
          view.update(state);
        },
      });
      while (outcome === 'unavailable' && !isFinal(state.status)) {
        await wait(POLL_MS);
        state = fromExecution(await getExecution(api, executionId));
        view.update(state);
      }
    }
    // The projection is written with the event, so the run reads as finished now.
    const execution = await getExecution(api, executionId);
    const final = fromExecution(execution);
    view.update(final);
    return { execution, status: isFinal(final.status) ? final.status : 'Failed' };
  } finally {
    view.stop();
  }
}
