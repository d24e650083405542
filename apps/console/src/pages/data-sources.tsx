import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { Link, useNavigate } from 'react-router';
import { api, errorText } from '../api/client';
import type { paths } from '../../../../packages/api-types/openapi';
import { Choice } from '../components/choice';
import { DataSourceForm, SOURCE_TYPES, type DataSource } from '../components/data-source-form';
import { Alert, Status, dateTime, TableScroll } from '../components/form';

type Query = NonNullable<paths['/api/v1/data-sources']['get']['parameters']['query']>;
type CreateBody = paths['/api/v1/data-sources']['post']['requestBody']['content']['application/json'];

// Where a source reads from, without its secrets (the API never answers them).
export function whereOf(s: DataSource): string {
  const c = s.config;
  if (s.type === 'file') return `${String(c.folder ?? '')}/${String(c.glob ?? '*')}`;
  if (s.type === 'api') return String(c.url ?? '');
  if (s.type === 'database') return String(c.connectionString ?? '');
  return s.webhookPath ?? '';
}

// The data sources the user may see: filters, pages by cursor, and a form to add one.
export default function DataSourcesPage() {
  const navigate = useNavigate();
  const [type, setType] = useState('');
  const [status, setStatus] = useState('active');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [items, setItems] = useState<DataSource[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    const query: Query = {
      limit: 20,
      status: status as Query['status'],
      ...(type ? { type: type as Query['type'] } : {}),
      ...(cursor ? { cursor } : {}),
    };
    void api.GET('/api/v1/data-sources', { params: { query } }).then(({ data, error: failed }) => {
      if (failed || !data) return setError(errorText(failed));
      setError(null);
      setItems(data.items);
      setNext(data.nextCursor);
    });
  }, [type, status, cursor]);

  const create = async (body: Record<string, unknown>) => {
    const { data, error: failed } = await api.POST('/api/v1/data-sources', { body: body as CreateBody });
    if (failed || !data) return failed ?? { error: { code: 'CONSOLE.NO_ANSWER', message: 'No answer' } };
    void navigate(`/data-sources/${data.id}`);
    return null;
  };

  return (
    <>
      <hgroup>
        <h1>Data sources</h1>
        <p>
          Where runs fetch from. See also the <Link to="/contents">contents</Link> they fetched and the{' '}
          <Link to="/processing-history">processing history</Link>.
        </p>
      </hgroup>
      <details>
        <summary>Add a data source</summary>
        <DataSourceForm source={null} submitLabel="Create data source" onSubmit={create} />
      </details>
      <div className="grid">
        <Choice
          label="Type"
          value={type}
          onChange={(t) => (setType(t), setCursors([undefined]))}
          options={SOURCE_TYPES.map((t) => [t, t])}
        />
        <label>
          Status
          <select value={status} onChange={(e) => (setStatus(e.target.value), setCursors([undefined]))}>
            <option value="active">active</option>
            <option value="archived">archived</option>
            <option value="all">all</option>
          </select>
        </label>
      </div>
      <Alert>{error}</Alert>
      {items &&
        (items.length === 0 ? (
          <p>No data sources here.</p>
        ) : (
          <TableScroll label="Data sources">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Reads</th>
                  <th scope="col">Secrets</th>
                  <th scope="col">Status</th>
                  <th scope="col">Changed</th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`/data-sources/${s.id}`}>{s.name}</Link>
                    </td>
                    <td>{s.type}</td>
                    <td className="break">{whereOf(s)}</td>
                    <td>{s.credentialsSet.length > 0 ? s.credentialsSet.map((c) => `${c}: set`).join(', ') : '—'}</td>
                    <td>
                      <Status value={s.status} />
                    </td>
                    <td>{dateTime(s.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ))}
      <nav aria-label="Data source pages">
        <ul>
          <li>
            <Button className="secondary" isDisabled={cursors.length === 1} onPress={() => setCursors(cursors.slice(0, -1))}>
              Previous
            </Button>
          </li>
          <li>
            <Button className="secondary" isDisabled={!next} onPress={() => setCursors([...cursors, next ?? undefined])}>
              Next
            </Button>
          </li>
        </ul>
      </nav>
    </>
  );
}
