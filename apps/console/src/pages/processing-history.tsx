import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, errorText } from '../api/client';
import type { paths } from '../../../../packages/api-types/openapi';
import { Alert, Status, dateTime, TableScroll } from '../components/form';

type Runs = paths['/api/v1/executions']['get']['responses'][200]['content']['application/json']['items'];

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

// What the processing stages of one run did, stage by stage and attempt by attempt (the API
// answers it per run: ?executionId=, chosen among the recent runs).
export default function ProcessingHistoryPage() {
  const [params, setParams] = useSearchParams();
  const executionId = params.get('executionId') ?? '';
  const [runs, setRuns] = useState<Runs>([]);
  const [names, setNames] = useState<Record<string, string>>({});
  const [rows, setRows] = useState<Record<string, unknown>[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.GET('/api/v1/executions', { params: { query: { limit: 50 } } }).then(({ data }) => setRuns(data?.items ?? []));
    void api
      .GET('/api/v1/workflows', { params: { query: { limit: 100 } } })
      .then(({ data }) => setNames(Object.fromEntries((data?.items ?? []).map((w) => [w.id, w.name]))));
  }, []);
  useEffect(() => {
    setRows(null);
    if (!executionId) return;
    void api.GET('/api/v1/processing-history', { params: { query: { executionId } } }).then(({ data, error: failed }) => {
      if (failed || !data) return setError(errorText(failed));
      setError(null);
      setRows(data.items);
    });
  }, [executionId]);

  const label = (r: Runs[number]) => `${names[r.workflowId] ?? 'workflow'} #${r.runNumber} (${r.status}, ${dateTime(r.createdAt)})`;
  const listed = runs.some((r) => r.id === executionId);
  return (
    <>
      <h1>Processing history</h1>
      <label htmlFor="history-run">Run</label>
      <select id="history-run" value={executionId} onChange={(e) => setParams(e.target.value ? { executionId: e.target.value } : {})}>
        <option value="">choose a run</option>
        {!listed && executionId && <option value={executionId}>the run in the link</option>}
        {runs.map((r) => (
          <option key={r.id} value={r.id}>
            {label(r)}
          </option>
        ))}
      </select>
      {executionId && (
        <p>
          <Link to={`/executions/${executionId}`}>Open the run</Link> ·{' '}
          <Link to={`/contents?executionId=${executionId}`}>its contents</Link>
        </p>
      )}
      <Alert>{error}</Alert>
      {rows &&
        (rows.length === 0 ? (
          <p>No processing recorded for this run.</p>
        ) : (
          <TableScroll label="Processing history">
            <table>
              <thead>
                <tr>
                  <th scope="col">Stage</th>
                  <th scope="col">Status</th>
                  <th scope="col">Processing</th>
                  <th scope="col">Contents</th>
                  <th scope="col">Items/s</th>
                  <th scope="col">Started</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((h) => (
                  <tr key={`${show(h.stageOrder)}-${show(h.attempt)}`}>
                    <td>
                      {show(h.stageOrder)}. {show(h.stageName)}
                      {Number(h.attempt) > 1 ? ` (attempt ${show(h.attempt)})` : ''}
                    </td>
                    <td>
                      <Status value={show(h.status)} />
                      {typeof h.errorMessage === 'string' && <div className="status-Failed">{h.errorMessage}</div>}
                    </td>
                    <td>{[h.processingType, h.processingAlgorithm].filter(Boolean).map(String).join(' · ') || '—'}</td>
                    <td>
                      {show(h.contentProcessed)} processed, {show(h.contentSuccessful)} ok, {show(h.contentFailed)} failed
                    </td>
                    <td>{show(h.itemsPerSecond)}</td>
                    <td>{dateTime(typeof h.startedAt === 'string' ? h.startedAt : null)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ))}
    </>
  );
}
