import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { api, errorText } from '../api/client';
import { BarChart, type Series } from '../components/bar-chart';
import { Alert, dateTime, Field } from '../components/form';

type Row = Record<string, unknown>;
const GREEN = '#2e7d32';
const RED = '#c62828';
const BLUE = '#1565c0';
const ORANGE = '#b35c00';

const num = (row: Row, key: string): number | null => (typeof row[key] === 'number' ? (row[key] as number) : null);
const text = (row: Row, key: string): string => (row[key] === null || row[key] === undefined ? '—' : String(row[key]));

// The run statistics: the platform's three metrics views (admins see every workflow, everyone
// else the workflows they may see) and one workflow's statistics over a date range.
export default function InsightsPage() {
  const [summary, setSummary] = useState<Row[] | null>(null);
  const [daily, setDaily] = useState<Row[] | null>(null);
  const [performance, setPerformance] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void Promise.all([
      api.GET('/api/v1/workflow-metrics/summary'),
      api.GET('/api/v1/workflow-metrics/daily'),
      api.GET('/api/v1/workflow-metrics/performance'),
    ]).then(([s, d, p]) => {
      const failed = s.error ?? d.error ?? p.error;
      if (failed) return setError(errorText(failed));
      setSummary(s.data?.items ?? []);
      setDaily(d.data?.items ?? []);
      setPerformance(p.data?.items ?? []);
    });
  }, []);

  if (error) return <Alert>{error}</Alert>;
  if (!summary || !daily || !performance) return <p aria-busy="true">Loading statistics…</p>;
  return (
    <>
      <h1>Statistics</h1>
      <DailyChart rows={daily} />
      <SummaryChart rows={summary} />
      <PerformanceCharts rows={performance} />
      <WorkflowStatistics workflows={summary} />
    </>
  );
}

function DailyChart({ rows }: { rows: Row[] }) {
  const chart = useMemo(() => {
    const days = [...rows].sort((a, b) => text(a, 'executionDate').localeCompare(text(b, 'executionDate')));
    const series: Series[] = [
      { label: 'Succeeded', values: days.map((r) => num(r, 'successfulExecutions')), color: GREEN },
      { label: 'Failed', values: days.map((r) => num(r, 'failedExecutions')), color: RED },
      {
        label: 'Other',
        values: days.map(
          (r) => (num(r, 'totalExecutions') ?? 0) - (num(r, 'successfulExecutions') ?? 0) - (num(r, 'failedExecutions') ?? 0),
        ),
        color: BLUE,
      },
    ];
    const total = days.reduce((n, r) => n + (num(r, 'totalExecutions') ?? 0), 0);
    return { labels: days.map((r) => text(r, 'executionDate')), series, total };
  }, [rows]);
  return (
    <section aria-labelledby="daily-heading">
      <h2 id="daily-heading">Runs per day (last 90 days)</h2>
      {chart.labels.length === 0 ? (
        <p>No runs in the last 90 days.</p>
      ) : (
        <BarChart
          title="Runs per day"
          summary={`${chart.total} runs over ${chart.labels.length} days, by outcome`}
          labels={chart.labels}
          labelHeader="Day"
          series={chart.series}
          stacked
          unit="runs"
        />
      )}
    </section>
  );
}

function SummaryChart({ rows }: { rows: Row[] }) {
  const chart = useMemo(() => {
    const used = rows.filter((r) => (num(r, 'totalExecutions') ?? 0) > 0);
    return {
      labels: used.map((r) => text(r, 'workflowName')),
      series: [
        { label: 'Succeeded', values: used.map((r) => num(r, 'successfulExecutions')), color: GREEN },
        { label: 'Failed', values: used.map((r) => num(r, 'failedExecutions')), color: RED },
      ],
      rates: { label: 'Success rate', values: used.map((r) => num(r, 'successRatePercentage')), color: BLUE },
    };
  }, [rows]);
  const rateSeries = useMemo(() => [chart.rates], [chart.rates]);
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">Runs per workflow</h2>
      {chart.labels.length === 0 ? (
        <p>No workflow has run yet.</p>
      ) : (
        <div className="grid">
          <BarChart
            title="Outcomes per workflow"
            summary={`runs that succeeded and failed, for ${chart.labels.length} workflows`}
            labels={chart.labels}
            labelHeader="Workflow"
            series={chart.series}
            stacked
            unit="runs"
          />
          <BarChart
            title="Success rate per workflow"
            summary={`the share of runs that succeeded, for ${chart.labels.length} workflows`}
            labels={chart.labels}
            labelHeader="Workflow"
            series={rateSeries}
            unit="%"
          />
        </div>
      )}
    </section>
  );
}

function PerformanceCharts({ rows }: { rows: Row[] }) {
  const charts = useMemo(
    () =>
      (['workflow', 'stage'] as const).map((kind) => {
        const of = rows.filter((r) => r.metricType === kind);
        return {
          kind,
          labels: of.map((r) => text(r, 'entityName')),
          series: [
            { label: 'Average', values: of.map((r) => num(r, 'avgDuration')), color: BLUE },
            { label: '95th percentile', values: of.map((r) => num(r, 'p95Duration')), color: ORANGE },
          ],
        };
      }),
    [rows],
  );
  return (
    <section aria-labelledby="performance-heading">
      <h2 id="performance-heading">Durations</h2>
      {charts.every((c) => c.labels.length === 0) ? (
        <p>No finished runs yet.</p>
      ) : (
        <div className="grid">
          {charts.map((c) => (
            <BarChart
              key={c.kind}
              title={c.kind === 'workflow' ? 'Run duration per workflow' : 'Duration per stage type'}
              summary={`average and 95th percentile, in minutes, for ${c.labels.length} ${c.kind === 'workflow' ? 'workflows' : 'stage types'}`}
              labels={c.labels}
              labelHeader={c.kind === 'workflow' ? 'Workflow' : 'Stage type'}
              series={c.series}
              unit="minutes"
            />
          ))}
        </div>
      )}
    </section>
  );
}

const STAT_LABELS: [string, string][] = [
  ['totalExecutions', 'Runs'],
  ['successfulExecutions', 'Succeeded'],
  ['failedExecutions', 'Failed'],
  ['successRate', 'Success rate (%)'],
  ['avgDurationMinutes', 'Average duration (minutes)'],
  ['medianDurationMinutes', 'Median duration (minutes)'],
  ['totalContentProcessed', 'Contents processed'],
  ['avgContentPerExecution', 'Contents per run'],
  ['trendDirection', 'Trend (success rate against the period before)'],
];

// One workflow over a date range (by default the last 30 days).
function WorkflowStatistics({ workflows }: { workflows: Row[] }) {
  const [workflowId, setWorkflowId] = useState(text(workflows[0] ?? {}, 'workflowId'));
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [stats, setStats] = useState<Row | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const show = async (event?: FormEvent) => {
    event?.preventDefault();
    setError(null);
    const { data, error: failed } = await api.GET('/api/v1/workflows/{id}/statistics', {
      params: { path: { id: workflowId }, query: { ...(from ? { from } : {}), ...(to ? { to } : {}) } },
    });
    if (failed) {
      const issues = (failed as { error?: { details?: { issues?: { path?: string; message?: string }[] } } }).error?.details?.issues ?? [];
      setFieldErrors(Object.fromEntries(issues.map((i) => [String(i.path ?? ''), i.message ?? 'Not valid'])));
      return setError(errorText(failed));
    }
    setFieldErrors({});
    setStats(data);
  };

  const series = useMemo<Series[]>(
    () =>
      stats
        ? [
            { label: 'Succeeded', values: [num(stats, 'successfulExecutions')], color: GREEN },
            { label: 'Failed', values: [num(stats, 'failedExecutions')], color: RED },
          ]
        : [],
    [stats],
  );
  const labels = useMemo(() => ['In the period'], []);
  if (workflows.length === 0) return null;
  const name = text(workflows.find((w) => w.workflowId === workflowId) ?? {}, 'workflowName');
  return (
    <section aria-labelledby="workflow-stats-heading">
      <h2 id="workflow-stats-heading">One workflow</h2>
      <Form onSubmit={(e) => void show(e)} aria-label="One workflow's statistics" className="grid">
        <div>
          <label htmlFor="statistics-workflow">Workflow</label>
          <select id="statistics-workflow" value={workflowId} onChange={(e) => setWorkflowId(e.target.value)}>
            {workflows.map((w) => (
              <option key={text(w, 'workflowId')} value={text(w, 'workflowId')}>
                {text(w, 'workflowName')}
              </option>
            ))}
          </select>
        </div>
        <Field label="From (YYYY-MM-DD)" name="from" value={from} onChange={setFrom} errorMessage={fieldErrors.from} />
        <Field label="To (YYYY-MM-DD)" name="to" value={to} onChange={setTo} errorMessage={fieldErrors.to} />
        <Button type="submit">Show statistics</Button>
      </Form>
      <Alert>{error}</Alert>
      {stats && (
        <>
          <h3>Statistics of {name}</h3>
          <dl className="definition">
            {STAT_LABELS.map(([key, label]) => (
              <div key={key}>
                <dt>{label}</dt>
                <dd>{text(stats, key)}</dd>
              </div>
            ))}
            <div>
              <dt>Last run</dt>
              <dd>{dateTime(typeof stats.lastExecutionDate === 'string' ? stats.lastExecutionDate : null)}</dd>
            </div>
          </dl>
          <BarChart
            title={`Outcomes of ${name}`}
            summary={`${text(stats, 'successfulExecutions')} runs succeeded and ${text(stats, 'failedExecutions')} failed in the period`}
            labels={labels}
            labelHeader="Period"
            series={series}
            unit="runs"
          />
        </>
      )}
    </section>
  );
}
