import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, errorText } from '../api/client';
import type { paths } from '../../../../packages/api-types/openapi';
import { Alert, dateTime, TableScroll } from '../components/form';
import { Pager } from '../components/pager';

type ContentsPage = paths['/api/v1/contents']['get']['responses'][200]['content']['application/json'];

export const size = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;

// The fetched contents the user may see, newest first; of one run (?executionId=) or one data
// source (?fluxId=) when the link says so. Each opens its preview.
export default function ContentsPage() {
  const [params] = useSearchParams();
  const executionId = params.get('executionId') ?? undefined;
  const fluxId = params.get('fluxId') ?? undefined;
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<ContentsPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cursor = cursors[cursors.length - 1];

  useEffect(() => setCursors([undefined]), [executionId, fluxId]);
  useEffect(() => {
    const query = { limit: 20, ...(executionId ? { executionId } : {}), ...(fluxId ? { fluxId } : {}), ...(cursor ? { cursor } : {}) };
    void api.GET('/api/v1/contents', { params: { query } }).then(({ data, error: failed }) => {
      if (failed || !data) return setError(errorText(failed));
      setError(null);
      setPage(data);
    });
  }, [executionId, fluxId, cursor]);

  return (
    <>
      <hgroup>
        <h1>Contents</h1>
        <p>
          {executionId ? (
            <>
              Fetched by <Link to={`/executions/${executionId}`}>one run</Link> · <Link to="/contents">all contents</Link>
            </>
          ) : fluxId ? (
            <>
              From <Link to={`/data-sources/${fluxId}`}>one data source</Link> · <Link to="/contents">all contents</Link>
            </>
          ) : (
            'Everything fetched that you may see.'
          )}{' '}
          · <Link to="/search">Search the contents</Link>
        </p>
      </hgroup>
      <Alert>{error}</Alert>
      {page &&
        (page.items.length === 0 ? (
          <p>No contents here.</p>
        ) : (
          <TableScroll label="Contents">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Size</th>
                  <th scope="col">Language</th>
                  <th scope="col">Fetched</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((c) => (
                  <tr key={c.id}>
                    <td className="break">
                      <Link to={`/contents/${c.id}`}>{c.name ?? `content ${c.contentNumber}`}</Link>
                    </td>
                    <td>{c.mimeType ?? '—'}</td>
                    <td>{size(c.sizeBytes)}</td>
                    <td>{c.language ?? '—'}</td>
                    <td>{dateTime(c.fetchedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ))}
      {page && <Pager label="Content pages" cursors={cursors} nextCursor={page.nextCursor} onChange={setCursors} />}
    </>
  );
}
