import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { Link, useParams } from 'react-router';
import { api, errorText } from '../api/client';
import { FINISHED, type Execution } from '../api/views';
import { Alert, Status, dateTime, TableScroll } from '../components/form';

// How often the live view asks for the run while it is not finished. The gateway's event stream
// (GET /api/v1/executions/:id/events) will replace this poll once it is served.
export const POLL_MS = 500;

// A run, live: its stages filling up, items and progress, the error code of a failed stage.
export default function ExecutionPage() {
  const { id = '' } = useParams();
  const [run, setRun] = useState<Execution | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const poll = async () => {
      const { data, error: failed } = await api.GET('/api/v1/executions/{id}', { params: { path: { id } } });
      if (!live) return;
      if (failed) return setError(errorText(failed));
      const next = data as Execution;
      setRun(next);
      if (!FINISHED.includes(next.status)) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [id]);

  const cancel = async () => {
    const { error: failed } = await api.POST('/api/v1/executions/{id}/cancel', { params: { path: { id } } });
    if (failed) setError(errorText(failed));
  };

  if (!run) return error ? <Alert>{error}</Alert> : <p aria-busy="true">Loading…</p>;
  const finished = FINISHED.includes(run.status);
  return (
    <>
      <hgroup>
        <h1>Run #{run.runNumber}</h1>
        <p>
          <Link to={`/workflows/${run.workflowId}`}>Back to the workflow</Link>
        </p>
      </hgroup>
      <p role="status" aria-live="polite" data-testid="run-status">
        Status: <Status value={run.status} /> · {run.stagesCompleted} of {run.totalStages} stages · {run.contentProcessed} items
      </p>
      <progress value={run.progressPercentage} max={100} aria-label="Run progress" />
      {run.errorCode && (
        <Alert>
          {run.errorCode}: {run.errorMessage}
        </Alert>
      )}
      {!finished && (
        <Button className="secondary" onPress={() => void cancel()}>
          Cancel run
        </Button>
      )}
      <Alert>{error}</Alert>
      <h2>Stages</h2>
      <TableScroll label="Stages">
        <table>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Status</th>
              <th scope="col">Items</th>
              <th scope="col">Progress</th>
            </tr>
          </thead>
          <tbody>
            {(run.stages ?? []).map((s) => (
              <tr key={s.order}>
                <td>
                  {s.name} <span className="muted">({s.type})</span>
                </td>
                <td>
                  <Status value={s.status} />
                  {s.attempt > 1 ? ` (attempt ${s.attempt})` : ''}
                  {s.errorMessage && <div className="status-Failed">{s.errorMessage}</div>}
                </td>
                <td>
                  {s.itemsProcessed ?? 0}
                  {s.itemsToProcess ? ` / ${s.itemsToProcess}` : ''}
                  {s.itemsFailed ? `, ${s.itemsFailed} failed` : ''}
                </td>
                <td>
                  <progress className="stage-progress" value={s.progressPercentage} max={100} aria-label={`${s.name} progress`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="muted">
        Started {dateTime(run.startedAt)}
        {run.completedAt ? `, finished ${dateTime(run.completedAt)}` : ''}
      </p>
    </>
  );
}
