import { useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { api, errorText } from '../../api/client';
import { FINISHED } from '../../api/views';
import { Alert, dateTime, Status, TableScroll } from '../../components/form';
import { POLL_MS } from '../execution';
import { downloadRun } from './download';
import type { OutputFormat, ReportRun, ReportView } from './types';

// A report's runs: start one in any of its formats, watch it render, download each file.
export function ReportRuns({ report, onShowReceipts }: { report: ReportView; onShowReceipts: (run: ReportRun) => void }) {
  const [runs, setRuns] = useState<ReportRun[] | null>(null);
  const [format, setFormat] = useState<OutputFormat>(report.outputFormats[0] ?? 'csv');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const { data, error: failed } = await api.GET('/api/v1/reports/{id}/executions', {
      params: { path: { id: report.id }, query: { limit: 20 } },
    });
    if (failed) setError(errorText(failed));
    else setRuns(data.items);
  }, [report.id]);
  useEffect(() => void load(), [load]);

  // Polled while a run is still rendering.
  const busy = runs?.some((r) => !FINISHED.includes(r.status)) ?? false;
  useEffect(() => {
    if (!busy) return;
    const timer = setTimeout(() => void load(), POLL_MS);
    return () => clearTimeout(timer);
  }, [busy, runs, load]);

  const start = async () => {
    setError(null);
    const { error: failed } = await api.POST('/api/v1/reports/{id}/executions', {
      params: { path: { id: report.id } },
      body: { format },
    });
    if (failed) setError(errorText(failed));
    else await load();
  };

  return (
    <section aria-labelledby="runs-heading">
      <h2 id="runs-heading">Runs</h2>
      <div role="group" aria-label="Run the report" className="grid">
        <label>
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as OutputFormat)}>
            {report.outputFormats.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <Button onPress={() => void start()} isDisabled={report.status !== 'active'}>
          Run report
        </Button>
      </div>
      <Alert>{error}</Alert>
      {runs === null ? (
        <p aria-busy="true">Loading runs…</p>
      ) : runs.length === 0 ? (
        <p>No runs yet.</p>
      ) : (
        <TableScroll label="Runs">
          <table>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Format</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Rows</th>
                <th scope="col">File</th>
                <th scope="col">Deliveries</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <RunRow key={run.id} report={report} run={run} onShowReceipts={onShowReceipts} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

function RunRow({ report, run, onShowReceipts }: { report: ReportView; run: ReportRun; onShowReceipts: (run: ReportRun) => void }) {
  const [error, setError] = useState<string | null>(null);
  const fileName = `${report.reportName} #${run.number}.${run.outputFormat}`;
  const download = async () => setError(await downloadRun(run.id, fileName));
  return (
    <tr>
      <td>#{run.number}</td>
      <td>{run.outputFormat}</td>
      <td>
        <Status value={run.status} />
        {run.errorMessage && <span className="muted"> {run.errorMessage}</span>}
      </td>
      <td>{dateTime(run.startedAt)}</td>
      <td>{run.recordsProcessed}</td>
      <td>
        {run.status !== 'Success' ? (
          '—'
        ) : run.outputFileExpiredAt ? (
          <span className="muted">expired {dateTime(run.outputFileExpiredAt)}</span>
        ) : (
          <Button className="secondary outline" onPress={() => void download()} aria-label={`Download ${fileName}`}>
            Download
          </Button>
        )}
        <Alert>{error}</Alert>
      </td>
      <td>
        <Button className="secondary outline" onPress={() => onShowReceipts(run)} aria-label={`Receipts of run #${run.number}`}>
          Receipts
        </Button>
      </td>
    </tr>
  );
}
