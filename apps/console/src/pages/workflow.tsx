import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { Link, useNavigate, useParams } from 'react-router';
import { api, errorText, type Page } from '../api/client';
import type { Execution, Workflow } from '../api/views';
import { Alert, Status, dateTime, TableScroll } from '../components/form';

// One workflow: its stages, its recent runs and a button that starts one and opens its live view.
export default function WorkflowPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [workflow, setWorkflow] = useState<Workflow | null>(null);
  const [runs, setRuns] = useState<Execution[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.GET('/api/v1/workflows/{id}', { params: { path: { id } } }).then(({ data, error: failed }) => {
      if (failed) setError(errorText(failed));
      else setWorkflow(data as Workflow);
    });
    void api
      .GET('/api/v1/workflows/{id}/executions', { params: { path: { id }, query: { limit: 10 } } })
      .then(({ data }) => setRuns((data as Page<Execution> | undefined)?.items ?? []));
  }, [id]);

  const run = async () => {
    const { data, error: failed } = await api.POST('/api/v1/workflows/{id}/executions', {
      params: { path: { id } },
      body: { triggeredBy: 'manual' },
    });
    if (failed) setError(errorText(failed));
    else void navigate(`/executions/${(data as Execution).id}`);
  };

  if (!workflow) return error ? <Alert>{error}</Alert> : <p aria-busy="true">Loading…</p>;
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
      <Button onPress={() => void run()} isDisabled={workflow.status !== 'active'}>
        Run now
      </Button>
      {workflow.status !== 'active' && <p className="muted">Only an active workflow runs.</p>}
      <Alert>{error}</Alert>
      <h2>Stages</h2>
      <ol>
        {(workflow.configuration.stages ?? []).map((s) => (
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
    </>
  );
}
