import { useEffect, useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { api, errorText } from '../../api/client';
import { Alert, Field } from '../../components/form';
import { fieldErrorsOf } from '../../api/field-errors';
import { type ReportView } from './types';
import { FireTimes, readerZone } from '../../components/fire-times';

const ZONES = Intl.supportedValuesOf('timeZone');
const PREVIEW_DELAY_MS = 400;

// When a report runs by itself: a five-field cron in an IANA zone (PATCH /reports/{id}), with the
// next fire times the reporting service computes (daylight-saving rules included), shown in the
// user's own zone.
export function ReportSchedule({ report, onSaved }: { report: ReportView; onSaved: (r: ReportView) => void }) {
  const [on, setOn] = useState(report.isScheduled);
  const [cron, setCron] = useState(report.scheduleCron ?? '0 8 * * 1');
  // A report never scheduled starts in the user's zone; a saved one keeps its own.
  const [zone, setZone] = useState(report.scheduleCron ? report.scheduleTimezone : readerZone);
  const [next, setNext] = useState<string[] | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  // The preview follows the fields as they are typed (after a short pause).
  useEffect(() => {
    if (!cron.trim()) return setNext(null);
    const timer = setTimeout(() => {
      void api
        .GET('/api/v1/report-schedules/preview', { params: { query: { cron, timezone: zone, count: 5 } } })
        .then(({ data, error: failed }) => {
          if (failed) {
            setNext(null);
            setFieldErrors(scheduleErrors(failed));
          } else {
            setNext(data.nextFireTimes);
            setFieldErrors({});
          }
        });
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [cron, zone]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    const { data, error: failed } = await api.PATCH('/api/v1/reports/{id}', {
      params: { path: { id: report.id } },
      body: { isScheduled: on, scheduleCron: cron.trim() || null, scheduleTimezone: zone },
    });
    if (failed) {
      setFieldErrors(scheduleErrors(failed));
      return setError(errorText(failed));
    }
    setSaved(true);
    onSaved(data);
  };

  return (
    <section aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">Schedule</h2>
      <p className="muted">
        {report.isScheduled && report.scheduleCron
          ? `Runs on "${report.scheduleCron}" (${report.scheduleTimezone}).`
          : 'Not scheduled: runs only when started.'}
      </p>
      <Form onSubmit={(e) => void save(e)} aria-label="Schedule">
        <label>
          <input type="checkbox" role="switch" checked={on} onChange={(e) => setOn(e.target.checked)} />
          Run on a schedule
        </label>
        <Field
          label="Cron expression"
          name="scheduleCron"
          value={cron}
          onChange={setCron}
          description="Five fields: minute hour day-of-month month day-of-week, e.g. 0 8 * * 1 (Mondays at 08:00)"
          errorMessage={fieldErrors.scheduleCron}
        />
        <label htmlFor="schedule-zone">Time zone</label>
        <select
          id="schedule-zone"
          name="scheduleTimezone"
          value={zone}
          onChange={(e) => setZone(e.target.value)}
          aria-invalid={fieldErrors.scheduleTimezone ? true : undefined}
          aria-describedby={fieldErrors.scheduleTimezone ? 'zone-error' : undefined}
        >
          {(ZONES.includes(zone) ? ZONES : [zone, ...ZONES]).map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
        {fieldErrors.scheduleTimezone && <small id="zone-error">{fieldErrors.scheduleTimezone}</small>}
        {next && (
          <div role="status" aria-live="polite">
            <FireTimes label="Next runs" times={next} />
          </div>
        )}
        <Button type="submit">Save schedule</Button>
        {saved && <p role="status">Schedule saved.</p>}
        <Alert>{error}</Alert>
      </Form>
    </section>
  );
}

// A refused schedule names its field (issues[].path); a cron or zone refusal without a path is the cron's.
function scheduleErrors(failed: unknown): Record<string, string> {
  const fields = fieldErrorsOf(failed, 'field');
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields)) out[/zone/i.test(key) ? 'scheduleTimezone' : 'scheduleCron'] = message;
  if (Object.keys(out).length === 0) out.scheduleCron = errorText(failed);
  return out;
}
