import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { Link, useNavigate, useParams } from 'react-router';
import { api, errorText } from '../api/client';
import { followEventStream, type Connect } from '../api/event-stream';
import { applyRunEvent, defaultRerunStage, isFinished, parseRunEvent, stageErrorCode, type Run } from '../api/run-events';
import { Alert, Status, dateTime, TableScroll } from '../components/form';

// How often the view asks for the run when the gateway refuses its event stream (and how often
// the reports page looks at a report run).
export const POLL_MS = 500;

type Feed = 'reading' | 'stream' | 'polling' | 'ended';
const FEED_TEXT: Record<Feed, string> = {
  reading: 'Reading the run…',
  stream: 'Live: following the run’s events.',
  polling: 'The event stream is not available: asking for the run every half second.',
  ended: 'The run has ended.',
};

// A run, live: read once, then moved forward by its event stream (GET …/events, read with fetch
// because EventSource cannot send the bearer token); polled only if the stream is refused. Cancel
// while it runs; rerun a run that did not succeed from a chosen stage.
export default function ExecutionPage() {
  const { id = '' } = useParams();
  const [run, setRun] = useState<Run | null>(null);
  const [feed, setFeed] = useState<Feed>('reading');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const stop = new AbortController();
    setRun(null);
    setError(null);
    setFeed('reading');
    const read = async () => {
      const { data, error: failed } = await api.GET('/api/v1/executions/{id}', { params: { path: { id } } });
      if (failed && !stop.signal.aborted) setError(errorText(failed));
      return data ?? null;
    };
    const connect: Connect = async (lastEventId, signal) => {
      const {
        data,
        error: failed,
        response,
      } = await api.GET('/api/v1/executions/{id}/events', {
        params: { path: { id }, header: lastEventId ? { 'Last-Event-ID': lastEventId } : undefined },
        headers: { accept: 'text/event-stream' },
        parseAs: 'stream',
        signal,
      });
      if (response.ok && data) return { ok: true, body: data };
      return { ok: false, status: response.status, error: failed };
    };
    void (async () => {
      const first = await read();
      if (!first || stop.signal.aborted) return;
      setRun(first);
      if (isFinished(first.status)) return setFeed('ended');
      setFeed('stream');
      let finished = false;
      const outcome = await followEventStream({
        connect,
        signal: stop.signal,
        isDone: () => finished,
        onMessage: (message) => {
          const event = parseRunEvent(message.data);
          if (!event) return;
          if (event.type === 'finished') finished = true;
          setRun((current) => current && applyRunEvent(current, event));
        },
      });
      if (outcome.kind === 'done') return setFeed('ended');
      if (outcome.kind === 'stopped') return;
      setFeed('polling');
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        if (stop.signal.aborted) return;
        const next = await read();
        if (!next || stop.signal.aborted) return;
        setRun(next);
        if (isFinished(next.status)) return setFeed('ended');
      }
    })();
    return () => stop.abort();
  }, [id]);

  if (!run) return error ? <Alert>{error}</Alert> : <p aria-busy="true">Loading…</p>;
  const finished = isFinished(run.status);
  const rerunFrom = run.trigger?.kind === 'rerun' ? run.trigger.fromStage : null;
  return (
    <>
      <hgroup>
        <h1>Run #{run.runNumber}</h1>
        <p>
          <Link to={`/workflows/${run.workflowId}`}>Back to the workflow</Link> · <Link to="/executions">All runs</Link>
        </p>
      </hgroup>
      {run.rerunOf && (
        <p data-testid="rerun-of">
          A rerun of <Link to={`/executions/${run.rerunOf}`}>the original run</Link>
          {rerunFrom ? `, from stage ${rerunFrom}` : ''}.
        </p>
      )}
      <p role="status" aria-live="polite" data-testid="run-status">
        Status: <Status value={run.status} /> · {run.stagesCompleted} of {run.totalStages} stages · {run.contentProcessed} items
      </p>
      <p className="muted" data-testid="run-feed">
        {FEED_TEXT[feed]}
      </p>
      <progress value={run.progressPercentage} max={100} aria-label="Run progress" />
      {run.errorCode && (
        <Alert>
          {run.errorCode}: {run.errorMessage}
        </Alert>
      )}
      {!finished && <CancelRun id={run.id} />}
      {finished && run.status !== 'Success' && <RerunRun run={run} />}
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
            {(run.stages ?? []).map((s) => {
              const code = stageErrorCode(s);
              return (
                <tr key={s.order}>
                  <td>
                    {s.order}. {s.name} <span className="muted">({s.type})</span>
                  </td>
                  <td>
                    <Status value={s.status} />
                    {s.attempt > 1 ? ` (attempt ${s.attempt})` : ''}
                    {s.carriedOverFrom && (
                      <div className="muted">
                        carried over from <Link to={`/executions/${s.carriedOverFrom}`}>an earlier run</Link>
                      </div>
                    )}
                    {(code || s.errorMessage) && <div className="status-Failed">{[code, s.errorMessage].filter(Boolean).join(': ')}</div>}
                  </td>
                  <td>
                    {s.itemsProcessed}
                    {s.itemsToProcess ? ` / ${s.itemsToProcess}` : ''}
                    {s.itemsFailed ? `, ${s.itemsFailed} failed` : ''}
                  </td>
                  <td>
                    <progress className="stage-progress" value={s.progressPercentage} max={100} aria-label={`${s.name} progress`} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {(run.reruns ?? []).length > 0 && (
        <>
          <h2>Reruns</h2>
          <ul>
            {(run.reruns ?? []).map((r) => (
              <li key={r.id}>
                <Link to={`/executions/${r.id}`}>Run #{r.runNumber}</Link>: <Status value={r.status} />, from stage {r.fromStage}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted">
        Started {dateTime(run.startedAt)}
        {run.completedAt ? `, finished ${dateTime(run.completedAt)}` : ''} · triggered by {run.triggeredBy} ·{' '}
        <Link to={`/contents?executionId=${run.id}`}>contents fetched</Link> ·{' '}
        <Link to={`/processing-history?executionId=${run.id}`}>processing history</Link>
      </p>
    </>
  );
}

// The run stops at the orchestrator's next step; its stream then brings the `finished` event.
function CancelRun({ id }: { id: string }) {
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const cancel = async () => {
    setError(null);
    const { error: failed } = await api.POST('/api/v1/executions/{id}/cancel', { params: { path: { id } } });
    if (failed) setError(errorText(failed));
    else setSent(true);
  };
  return (
    <div>
      <Button className="secondary" onPress={() => void cancel()} isDisabled={sent}>
        {sent ? 'Cancelling…' : 'Cancel run'}
      </Button>
      <Alert>{error}</Alert>
    </div>
  );
}

// A new run of the same workflow version and inputs, from the chosen stage (at most the first
// that did not finish: the API refuses a later one); the stages before it are carried over.
function RerunRun({ run }: { run: Run }) {
  const navigate = useNavigate();
  const last = defaultRerunStage(run);
  const [fromStage, setFromStage] = useState(last);
  const [error, setError] = useState<string | null>(null);
  const rerun = async () => {
    setError(null);
    const { data, error: failed } = await api.POST('/api/v1/executions/{id}/rerun', {
      params: { path: { id: run.id } },
      body: { fromStage },
    });
    if (failed || !data) setError(errorText(failed));
    else void navigate(`/executions/${data.id}`);
  };
  return (
    <section aria-labelledby="rerun-heading">
      <h2 id="rerun-heading">Rerun</h2>
      <div className="grid">
        <label>
          From stage
          <select value={fromStage} onChange={(e) => setFromStage(Number(e.target.value))}>
            {(run.stages ?? [])
              .filter((s) => s.order <= last)
              .map((s) => (
                <option key={s.order} value={s.order}>
                  {s.order}. {s.name} ({s.status})
                </option>
              ))}
          </select>
        </label>
        <div>
          <Button onPress={() => void rerun()}>Rerun from this stage</Button>
        </div>
      </div>
      <Alert>{error}</Alert>
    </section>
  );
}
