import { useEffect, useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { api, errorText, type Page } from '../api/client';
import type { AuditRow } from '../api/views';
import { Alert, Field, dateTime, TableScroll } from '../components/form';
import { Pager } from '../components/pager';

const SEVERITIES = ['', 'low', 'medium', 'high', 'critical'];
type Filters = { type: string; userEmail: string; severity: string };

// The audit log (admins): filters, and pages by the answer's cursor (newest first).
export default function AuditPage() {
  const [draft, setDraft] = useState<Filters>({ type: '', userEmail: '', severity: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<Page<AuditRow> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v.trim() !== ''));
    void api
      .GET('/api/v1/audit-logs', { params: { query: { ...query, limit: 20, ...(cursor ? { cursor } : {}) } } })
      .then(({ data, error: failed }) => {
        if (failed) setError(errorText(failed));
        else {
          setError(null);
          setPage(data as Page<AuditRow>);
        }
      });
  }, [filters, cursor]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
    setCursors([undefined]);
  };

  return (
    <>
      <h1>Audit log</h1>
      <Form onSubmit={apply} aria-label="Filter the audit log" className="grid">
        <Field
          label="Event type"
          name="type"
          value={draft.type}
          onChange={(type) => setDraft({ ...draft, type })}
          description="e.g. auth.user.logged-in"
        />
        <Field label="User e-mail" name="userEmail" value={draft.userEmail} onChange={(userEmail) => setDraft({ ...draft, userEmail })} />
        <label>
          Severity
          <select value={draft.severity} onChange={(e) => setDraft({ ...draft, severity: e.target.value })}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s || 'any'}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit">Filter</Button>
      </Form>
      <Alert>{error}</Alert>
      {page && (
        <>
          <TableScroll label="Audit log entries">
            <table>
              <caption className="muted">Page {cursors.length}</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Event</th>
                  <th scope="col">User</th>
                  <th scope="col">Resource</th>
                  <th scope="col">Severity</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((row) => (
                  <tr key={row.id}>
                    <td>{dateTime(row.timestamp)}</td>
                    <td>{row.eventType}</td>
                    <td>{row.userEmail ?? '—'}</td>
                    <td>{row.resourceName ?? row.resourceType ?? '—'}</td>
                    <td>{row.severity}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Pager label="Audit log pages" cursors={cursors} nextCursor={page.nextCursor} onChange={setCursors} />
        </>
      )}
    </>
  );
}
