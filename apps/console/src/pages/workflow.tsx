import { useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { Link, useNavigate, useParams } from 'react-router';
import { api, errorText, type Page } from '../api/client';
import { session } from '../api/session';
import type { Execution } from '../api/views';
import { Alert, Status, dateTime, TableScroll } from '../components/form';
import { RunForm } from '../components/run-form';
import { WorkflowActions } from '../components/workflow-actions';
import type { WorkflowView } from '../components/workflow-draft';
import { WorkflowSchedule } from '../components/workflow-schedule';
import { WorkflowSharing } from '../components/workflow-sharing';

// One workflow: its stages, its recent runs and a button that starts one (with a form for its
// declared inputs) and opens its live view; its schedule, sharing, status and copies.
export default function WorkflowPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [workflow, setWorkflow] = useState<WorkflowView | null>(null);
  const [me, setMe] = useState<number | null>(null);
  const [runs, setRuns] = useState<Execution[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const role = session.current()?.user.role;

  const reload = useCallback(
    () =>
      void api.GET('/api/v1/workflows/{id}', { params: { path: { id } } }).then(({ data, error: failed }) => {
        if (failed || !data) setError(errorText(failed));
        else setWorkflow(data);
      }),
    [id],
  );
  useEffect(() => {
    setWorkflow(null);
    setAsking(false);
    reload();
    void api.GET('/api/v1/auth/me').then(({ data }) => setMe(data?.number ?? null));
    void api
      .GET('/api/v1/workflows/{id}/executions', { params: { path: { id }, query: { limit: 10 } } })
      .then(({ data }) => setRuns((data as Page<Execution> | undefined)?.items ?? []));
  }, [id, reload]);

  const run = async () => {
    if (workflow && workflow.inputs.length > 0) return setAsking(true);
    const { data, error: failed } = await api.POST('/api/v1/workflows/{id}/executions', {
      params: { path: { id } },
      body: { triggeredBy: 'manual' },
    });
    if (failed) setError(errorText(failed));
    else void navigate(`/executions/${(data as Execution).id}`);
  };

  if (!workflow) return error ? <Alert>{error}</Alert> : <p aria-busy="true">Loading…</p>;
  // The owner and admins change a workflow; users it is shared with see it (the API decides).
  const canChange = role === 'admin' || (role === 'user' && me !== null && workflow.createdBy === me);
  const editable = canChange && workflow.status !== 'archived';
  const stages = (workflow.configuration as { stages?: { name: string; type: string }[] }).stages ?? [];
  return (
    <>
      <hgroup>
        <h1>{workflow.name}</h1>
        <p>
          <Status value={workflow.status} /> · version {workflow.version}
          {workflow.templateName ? ` · from template ${workflow.templateName}` : ''}
        </p>
      </hgroup>
      {workflow.description && <p>{workflow.description}</p>}
      {(workflow.category || workflow.tags.length > 0) && (
        <p className="muted">
          {workflow.category ? `Category ${workflow.category}` : ''}
          {workflow.category && workflow.tags.length > 0 ? ' · ' : ''}
          {workflow.tags.length > 0 ? `tags: ${workflow.tags.join(', ')}` : ''}
        </p>
      )}
      <div className="stage-actions">
        <Button onPress={() => void run()} isDisabled={workflow.status !== 'active' || asking}>
          Run now
        </Button>
        {editable && <Link to={`/workflows/${workflow.id}/edit`}>Edit</Link>}
        <Link to={`/workflows/${workflow.id}/versions`}>Versions and changes</Link>
      </div>
      {workflow.status !== 'active' && <p className="muted">Only an active workflow runs.</p>}
      {asking && <RunForm workflow={workflow} onCancel={() => setAsking(false)} />}
      <Alert>{error}</Alert>
      <h2>Stages</h2>
      <ol>
        {stages.map((s) => (
          <li key={s.name}>
            {s.name} <span className="muted">({s.type})</span>
          </li>
        ))}
      </ol>
      <h2>Recent runs</h2>
      {runs.length === 0 ? (
        <p>No runs yet.</p>
      ) : (
        <TableScroll label="Recent runs">
          <table>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Started</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/executions/${r.id}`}>#{r.runNumber}</Link>
                  </td>
                  <td>
                    <Status value={r.status} />
                  </td>
                  <td>{r.progressPercentage}%</td>
                  <td>{dateTime(r.startedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <WorkflowSchedule workflowId={workflow.id} canEdit={editable} onSaved={reload} />
      {canChange && <WorkflowSharing workflow={workflow} onSaved={setWorkflow} />}
      {role !== 'viewer' && <WorkflowActions key={workflow.version} workflow={workflow} canChange={canChange} onChanged={setWorkflow} />}
    </>
  );
}
