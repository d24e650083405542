import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { Link } from 'react-router';
import { api, errorText, type Page } from '../api/client';
import { session } from '../api/session';
import { FINISHED, type Report, type ReportExecution } from '../api/views';
import { Alert, Field } from '../components/form';
import { POLL_MS } from './execution';

const FORMATS = ['csv', 'json', 'html', 'xlsx', 'pdf'] as const;
type Format = (typeof FORMATS)[number];
const SOURCES = ['contents', 'executions', 'calculations'] as const;
type Source = (typeof SOURCES)[number];

// Reports: define one (what it lists, its formats), run it in a format, download the file.
export default function ReportsPage() {
  const [reports, setReports] = useState<Report[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [source, setSource] = useState<Source>('contents');

  const load = useCallback(() => {
    void api.GET('/api/v1/reports').then(({ data, error: failed }) => {
      if (failed) setError(errorText(failed));
      else setReports((data as Page<Report>).items);
    });
  }, []);
  useEffect(load, [load]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const { error: failed } = await api.POST('/api/v1/reports', {
      body: { reportName: name, reportType: 'detailed', reportConfig: { source }, outputFormats: [...FORMATS] },
    });
    if (failed) return setError(errorText(failed));
    setName('');
    setError(null);
    load();
  };

  return (
    <>
      <h1>Reports</h1>
      <p>
        <Link to="/reports/deliveries">Deliveries and their receipts</Link>
      </p>
      <details>
        <summary>Define a report</summary>
        <Form onSubmit={(e) => void create(e)} aria-label="Define a report">
          <Field label="Report name" name="reportName" value={name} onChange={setName} isRequired />
          <label>
            Lists
            <select name="source" value={source} onChange={(e) => setSource(e.target.value as Source)}>
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <Button type="submit">Save report</Button>
        </Form>
      </details>
      <Alert>{error}</Alert>
      {reports === null ? (
        <p aria-busy="true">Loading reports…</p>
      ) : reports.length === 0 ? (
        <p>No reports yet.</p>
      ) : (
        reports.map((r) => <ReportRow key={r.id} report={r} />)
      )}
    </>
  );
}

function ReportRow({ report }: { report: Report }) {
  const formats = (report.outputFormats?.length ? report.outputFormats : FORMATS) as Format[];
  const [format, setFormat] = useState<Format>(formats[0] ?? 'csv');
  const [run, setRun] = useState<ReportExecution | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The run is polled until its file is rendered (or it failed).
  useEffect(() => {
    if (!run || FINISHED.includes(run.status)) return;
    const timer = setTimeout(() => {
      void api.GET('/api/v1/report-executions/{id}', { params: { path: { id: run.id } } }).then(({ data, error: failed }) => {
        if (failed) setError(errorText(failed));
        else setRun(data as ReportExecution);
      });
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [run]);

  const start = async () => {
    setError(null);
    const { data, error: failed } = await api.POST('/api/v1/reports/{id}/executions', {
      params: { path: { id: report.id } },
      body: { format },
    });
    if (failed) setError(errorText(failed));
    else setRun(data as ReportExecution);
  };

  return (
    <article aria-labelledby={`report-${report.id}`}>
      <h2 id={`report-${report.id}`} className="hit-title">
        <Link to={`/reports/${report.id}`}>{report.reportName}</Link>
      </h2>
      <p className="muted">
        {report.reportType} · lists {report.reportConfig.source}
      </p>
      <div role="group" aria-label={`Run ${report.reportName}`} className="grid">
        <label>
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as Format)}>
            {formats.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <Button onPress={() => void start()}>Run report</Button>
      </div>
      {run && (
        <p role="status" aria-live="polite">
          Run: {run.status}
          {run.status === 'Success' && run.downloadUrl && (
            <>
              {' '}
              · <DownloadButton url={run.downloadUrl} fileName={`${report.reportName}.${run.outputFormat}`} />
            </>
          )}
        </p>
      )}
      <Alert>{error}</Alert>
    </article>
  );
}

// The download route needs the bearer token, which a plain link cannot send: the file is fetched,
// then saved from a blob URL.
function DownloadButton({ url, fileName }: { url: string; fileName: string }) {
  const download = async () => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${session.current()?.accessToken ?? ''}` } });
    if (!res.ok) return;
    const href = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = href;
    a.download = fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  };
  return (
    <Button className="secondary" onPress={() => void download()}>
      Download {fileName}
    </Button>
  );
}
