import { useEffect, useState } from 'react';
import { Label, SearchField, Input } from 'react-aria-components';
import { Link } from 'react-router';
import { api, errorText, type Page } from '../api/client';
import type { Workflow } from '../api/views';
import { Alert, Status, dateTime, TableScroll } from '../components/form';

// The workflows the user may see (owned, shared, public), searchable by name.
export default function WorkflowsPage() {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [tag, setTag] = useState('');
  const [items, setItems] = useState<Workflow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api
      .GET('/api/v1/workflows', {
        params: {
          query: {
            isTemplate: 'false',
            ...(q.trim() ? { q: q.trim() } : {}),
            ...(status ? { status: status as 'active' | 'inactive' | 'archived' } : {}),
            ...(tag.trim() ? { tag: tag.trim() } : {}),
          },
        },
      })
      .then(({ data, error: failed }) => {
        if (!live) return;
        if (failed) setError(errorText(failed));
        else setItems((data as Page<Workflow>).items);
      });
    return () => void (live = false);
  }, [q, status, tag]);

  return (
    <>
      <hgroup>
        <h1>Workflows</h1>
        <p>
          <Link to="/workflows/new">New workflow from a template</Link> · <Link to="/workflows/new/blank">New blank workflow</Link>
        </p>
      </hgroup>
      <SearchField value={q} onChange={setQ} aria-label="Search workflows by name">
        <Label>Search by name</Label>
        <Input />
      </SearchField>
      <div className="stage-row">
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">any</option>
            <option value="active">active</option>
            <option value="inactive">inactive</option>
            <option value="archived">archived</option>
          </select>
        </label>
        <SearchField value={tag} onChange={setTag} aria-label="Filter by tag">
          <Label>Tag</Label>
          <Input />
        </SearchField>
      </div>
      <Alert>{error}</Alert>
      {items === null ? (
        <p aria-busy="true">Loading workflows…</p>
      ) : items.length === 0 ? (
        <p>{q || status || tag ? 'No workflows match.' : 'No workflows yet.'}</p>
      ) : (
        <TableScroll label="Workflows">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Tags</th>
                <th scope="col">Runs</th>
                <th scope="col">Last run</th>
              </tr>
            </thead>
            <tbody>
              {items.map((w) => (
                <tr key={w.id}>
                  <td>
                    <Link to={`/workflows/${w.id}`}>{w.name}</Link>
                  </td>
                  <td>
                    <Status value={w.status} />
                  </td>
                  <td>{w.tags.join(', ') || '—'}</td>
                  <td>{w.statistics.totalExecutions}</td>
                  <td>{dateTime(w.statistics.lastExecutionAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
