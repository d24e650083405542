import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, errorText } from '../../api/client';
import { Alert, dateTime, Status } from '../../components/form';
import { RunDeliveries } from './deliveries';
import { ReportRuns } from './runs';
import { ReportSchedule } from './schedule';
import { DeliveryTargets, webhookOrigin } from './targets';
import type { ReportRun, ReportView } from './types';

// One report: its definition, its runs and their files in every format, its schedule, where its
// runs are delivered and the receipts of each delivery.
export default function ReportPage() {
  const { id = '' } = useParams();
  const [report, setReport] = useState<ReportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [receiptsOf, setReceiptsOf] = useState<ReportRun | null>(null);

  useEffect(() => {
    void api.GET('/api/v1/reports/{id}', { params: { path: { id } } }).then(({ data, error: failed }) => {
      if (failed) setError(errorText(failed));
      else setReport(data);
    });
  }, [id]);

  if (error) return <Alert>{error}</Alert>;
  if (!report) return <p aria-busy="true">Loading the report…</p>;
  return (
    <>
      <p>
        <Link to="/reports">← Reports</Link>
      </p>
      <h1>{report.reportName}</h1>
      {report.reportDescription && <p>{report.reportDescription}</p>}
      <Definition report={report} />
      <ReportRuns report={report} onShowReceipts={setReceiptsOf} />
      {receiptsOf && <RunDeliveries run={receiptsOf} />}
      <div className="grid">
        <ReportSchedule report={report} onSaved={setReport} />
        <DeliveryTargets report={report} onSaved={setReport} />
      </div>
    </>
  );
}

function Definition({ report }: { report: ReportView }) {
  const rows: [string, ReactNode][] = [
    ['State', <Status key="s" value={report.status} />],
    ['Type', report.reportType],
    ['Lists', report.reportConfig.source],
    ['Columns', report.reportConfig.columns?.join(', ') || 'all'],
    ['Formats', report.outputFormats.join(', ')],
    ['Mailed to', report.emailRecipients.join(', ') || '—'],
    ['Webhook', webhookOrigin(report.webhookUrl) ?? '—'],
    ['Schedule', report.isScheduled && report.scheduleCron ? `${report.scheduleCron} (${report.scheduleTimezone})` : 'none'],
    ['Next run', dateTime(report.nextRunAt)],
    ['Runs', `${report.runCount}, the last ${dateTime(report.lastRunAt)}${report.lastRunStatus ? ` (${report.lastRunStatus})` : ''}`],
  ];
  return (
    <section aria-labelledby="definition-heading">
      <h2 id="definition-heading">Definition</h2>
      <dl className="definition">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
