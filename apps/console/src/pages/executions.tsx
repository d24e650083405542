import { useEffect, useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { Link } from 'react-router';
import { api, errorText } from '../api/client';
import type { paths } from '../../../../packages/api-types/openapi';
import { Choice } from '../components/choice';
import { Alert, Status, dateTime, TableScroll } from '../components/form';
import { Pager } from '../components/pager';

type Query = NonNullable<paths['/api/v1/executions']['get']['parameters']['query']>;
type RunsPage = paths['/api/v1/executions']['get']['responses'][200]['content']['application/json'];
type Filters = { status: string; workflowId: string; triggeredBy: string; from: string; to: string };

const STATUSES = ['Created', 'InProgress', 'Success', 'Failed', 'Cancelled', 'Timeout'];
const TRIGGERS = ['manual', 'api', 'schedule', 'webhook'];
const EMPTY: Filters = { status: '', workflowId: '', triggeredBy: '', from: '', to: '' };

// A datetime-local value (the browser's zone) as the API's ISO 8601 with an offset.
const iso = (local: string) => (local ? new Date(local).toISOString() : undefined);

function toQuery(f: Filters, cursor: string | undefined): Query {
  return {
    limit: 20,
    ...(f.status ? { status: f.status as Query['status'] } : {}),
    ...(f.workflowId ? { workflowId: f.workflowId } : {}),
    ...(f.triggeredBy ? { triggeredBy: f.triggeredBy as Query['triggeredBy'] } : {}),
    ...(f.from ? { from: iso(f.from) } : {}),
    ...(f.to ? { to: iso(f.to) } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

// Runs of every workflow the user may see, newest first: filters, pages by the answer's cursor.
export default function ExecutionsPage() {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<RunsPage | null>(null);
  const [workflows, setWorkflows] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    void api.GET('/api/v1/workflows', { params: { query: { limit: 100 } } }).then(({ data }) => setWorkflows(data?.items ?? []));
  }, []);
  useEffect(() => {
    void api.GET('/api/v1/executions', { params: { query: toQuery(filters, cursor) } }).then(({ data, error: failed }) => {
      if (failed || !data) return setError(errorText(failed));
      setError(null);
      setPage(data);
    });
  }, [filters, cursor]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
    setCursors([undefined]);
  };
  const set = (key: keyof Filters) => (value: string) => setDraft({ ...draft, [key]: value });
  const name = (workflowId: string) => workflows.find((w) => w.id === workflowId)?.name ?? 'a workflow';

  return (
    <>
      <h1>Runs</h1>
      <Form onSubmit={apply} aria-label="Filter the runs" className="grid">
        <Choice label="Status" value={draft.status} onChange={set('status')} options={STATUSES.map((s) => [s, s])} />
        <Choice label="Workflow" value={draft.workflowId} onChange={set('workflowId')} options={workflows.map((w) => [w.id, w.name])} />
        <Choice label="Trigger" value={draft.triggeredBy} onChange={set('triggeredBy')} options={TRIGGERS.map((t) => [t, t])} />
        <label>
          Created from
          <input type="datetime-local" value={draft.from} onChange={(e) => set('from')(e.target.value)} />
        </label>
        <label>
          Created before
          <input type="datetime-local" value={draft.to} onChange={(e) => set('to')(e.target.value)} />
        </label>
        <Button type="submit">Filter</Button>
      </Form>
      <Alert>{error}</Alert>
      {page &&
        (page.items.length === 0 ? (
          <p>No runs match.</p>
        ) : (
          <TableScroll label="Runs">
            <table>
              <caption className="muted">Page {cursors.length}</caption>
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  <th scope="col">Workflow</th>
                  <th scope="col">Status</th>
                  <th scope="col">Trigger</th>
                  <th scope="col">Progress</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/executions/${r.id}`}>#{r.runNumber}</Link>
                    </td>
                    <td>{name(r.workflowId)}</td>
                    <td>
                      <Status value={r.status} />
                      {r.errorCode && <div className="status-Failed">{r.errorCode}</div>}
                    </td>
                    <td>
                      {r.trigger?.kind === 'rerun' ? (
                        <>
                          rerun from stage {r.trigger.fromStage} of <Link to={`/executions/${r.trigger.executionId}`}>an earlier run</Link>
                        </>
                      ) : (
                        (r.trigger?.kind ?? r.triggeredBy)
                      )}
                    </td>
                    <td>{r.progressPercentage}%</td>
                    <td>{dateTime(r.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ))}
      {page && <Pager label="Run pages" cursors={cursors} nextCursor={page.nextCursor} onChange={setCursors} />}
    </>
  );
}
