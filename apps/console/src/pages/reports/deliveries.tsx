import { useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import { api, errorText } from '../../api/client';
import { Alert, dateTime, TableScroll } from '../../components/form';
import type { Delivery, ReportRun } from './types';

const POLL_MS = 1000;
// Deliveries are planned once a run is rendered: an empty list is asked again this many times.
const EMPTY_POLLS = 30;

// Where each delivery went, its state and every attempt (receipt) with its error code; resend a
// finished one (a new round of attempts).
export function DeliveryTable({
  label,
  deliveries,
  onChanged,
  showRun = true,
}: {
  label: string;
  deliveries: Delivery[];
  onChanged: () => void;
  // The run's own receipts need not name it on every row.
  showRun?: boolean;
}) {
  return (
    <TableScroll label={label}>
      <table>
        <thead>
          <tr>
            {showRun && <th scope="col">Report, asked</th>}
            <th scope="col">To</th>
            <th scope="col">State</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last error</th>
            <th scope="col">Receipts</th>
            <th scope="col">Resend</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <DeliveryRow key={d.id} delivery={d} onChanged={onChanged} showRun={showRun} />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function DeliveryRow({ delivery: d, onChanged, showRun }: { delivery: Delivery; onChanged: () => void; showRun: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const resend = async () => {
    setError(null);
    const { error: failed } = await api.POST('/api/v1/report-deliveries/{id}/resend', { params: { path: { id: d.id } } });
    if (failed) setError(errorText(failed));
    else onChanged();
  };
  const to = `${d.channel === 'email' ? 'mail' : 'webhook'} ${d.target}`;
  return (
    <tr>
      {showRun && (
        <td>
          <Link to={`/reports/${d.reportId}`}>{d.reportName}</Link> <span className="muted">{dateTime(d.requestedAt)}</span>
        </td>
      )}
      <td>{to}</td>
      <td>
        <span className={`status-${d.status}`}>{d.status}</span>
        {d.where && <span className="muted"> ({d.where})</span>}
        {d.nextAttemptAt && <span className="muted"> next try {dateTime(d.nextAttemptAt)}</span>}
      </td>
      <td>{d.attempts}</td>
      <td>{d.lastErrorCode ? <code>{d.lastErrorCode}</code> : '—'}</td>
      <td>
        {d.receipts.length === 0 ? (
          '—'
        ) : (
          <ol className="receipts">
            {d.receipts.map((r) => (
              <li key={`${r.round}-${r.attempt}`}>
                {dateTime(r.at)}: {r.outcome}
                {r.where ? ` (${r.where})` : ''}
                {r.responseCode !== null ? ` HTTP ${r.responseCode}` : ''}
                {r.errorCode && (
                  <>
                    {' '}
                    <code>{r.errorCode}</code>
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
      </td>
      <td>
        {d.status === 'pending' ? (
          <span className="muted">in progress</span>
        ) : (
          <Button className="secondary outline" onPress={() => void resend()} aria-label={`Resend to ${to}`}>
            Resend
          </Button>
        )}
        <Alert>{error}</Alert>
      </td>
    </tr>
  );
}

// The receipts of one run, polled while a delivery is pending (or none is planned yet).
export function RunDeliveries({ run }: { run: ReportRun }) {
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);
  const [polls, setPolls] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const { data, error: failed } = await api.GET('/api/v1/report-executions/{id}/deliveries', { params: { path: { id: run.id } } });
    if (failed) setError(errorText(failed));
    else setDeliveries(data.items);
    setPolls((n) => n + 1);
  }, [run.id]);
  useEffect(() => {
    setDeliveries(null);
    setPolls(0);
    void load();
  }, [load]);

  const waiting =
    deliveries !== null && (deliveries.some((d) => d.status === 'pending') || (deliveries.length === 0 && polls < EMPTY_POLLS));
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => void load(), POLL_MS);
    return () => clearTimeout(timer);
  }, [waiting, deliveries, load]);

  return (
    <section aria-labelledby="receipts-heading">
      <h2 id="receipts-heading">Deliveries of run #{run.number}</h2>
      <Alert>{error}</Alert>
      {deliveries === null ? (
        <p aria-busy="true">Loading deliveries…</p>
      ) : deliveries.length === 0 ? (
        <p aria-busy={waiting}>{waiting ? 'Waiting for deliveries…' : 'This run was not delivered anywhere.'}</p>
      ) : (
        <DeliveryTable label={`Deliveries of run #${run.number}`} deliveries={deliveries} onChanged={() => void load()} showRun={false} />
      )}
    </section>
  );
}
