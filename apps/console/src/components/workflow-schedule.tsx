// A workflow's schedule: the cron expression and its zone as saved, their next fire times in the
// reader's own time zone, a preview before saving (PATCH scheduleCron / scheduleTimezone).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { api, errorText } from '../api/client';
import { fieldErrorsOf, type FieldErrors } from '../api/field-errors';
import { Alert, Field } from './form';
import { FireTimes, readerZone } from './fire-times';

type Schedule = { cron: string | null; timezone: string; active: boolean; nextFireTimes: string[] };

// The preview's query names its fields cron and timezone; the workflow's, scheduleCron and scheduleTimezone.
const FIELD_OF: Record<string, string> = { cron: 'scheduleCron', timezone: 'scheduleTimezone' };

export function WorkflowSchedule({ workflowId, canEdit, onSaved }: { workflowId: string; canEdit: boolean; onSaved: () => void }) {
  const [schedule, setSchedule] = useState<Schedule | null>(null);
  const [cron, setCron] = useState('');
  const [zone, setZone] = useState(readerZone);
  const [preview, setPreview] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState<string | null>(null);

  const load = useCallback(() => {
    void api.GET('/api/v1/workflows/{id}/schedule', { params: { path: { id: workflowId } } }).then(({ data }) => {
      if (!data) return;
      setSchedule(data);
      setCron(data.cron ?? '');
      if (data.cron) setZone(data.timezone);
    });
  }, [workflowId]);
  useEffect(load, [load]);

  const refused = (failed: unknown) => {
    setError(errorText(failed));
    const byPath = fieldErrorsOf(failed);
    setErrors(Object.fromEntries(Object.entries(byPath).map(([k, v]) => [FIELD_OF[k] ?? k, v])));
  };
  const reset = () => {
    setError(null);
    setErrors({});
    setSaved(null);
  };

  const showPreview = async () => {
    reset();
    setPreview(null);
    const { data, error: failed } = await api.GET('/api/v1/workflow-schedules/preview', {
      params: { query: { cron, timezone: zone, count: 5 } },
    });
    if (failed || !data) return refused(failed);
    setPreview(data.nextFireTimes);
  };

  const save = async (clear = false) => {
    reset();
    const body = clear ? { scheduleCron: null } : { scheduleCron: cron.trim() === '' ? null : cron, scheduleTimezone: zone };
    const { error: failed } = await api.PATCH('/api/v1/workflows/{id}', { params: { path: { id: workflowId } }, body });
    if (failed) return refused(failed);
    setPreview(null);
    setSaved(clear || !body.scheduleCron ? 'Schedule removed.' : 'Schedule saved.');
    load();
    onSaved();
  };

  return (
    <section aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">Schedule</h2>
      {schedule === null ? (
        <p aria-busy="true">Loading…</p>
      ) : schedule.cron ? (
        <p>
          <code>{schedule.cron}</code> in {schedule.timezone}
          {schedule.active ? '' : ' (not firing: the workflow is not active)'}.
        </p>
      ) : (
        <p>Not scheduled: runs start by hand or through the API.</p>
      )}
      {schedule && schedule.nextFireTimes.length > 0 && <FireTimes label="Next fire times" times={schedule.nextFireTimes} />}
      {canEdit && (
        <Form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void save();
          }}
          aria-label="Set the schedule"
        >
          <div className="stage-row">
            <Field
              label="Cron expression"
              name="scheduleCron"
              value={cron}
              onChange={setCron}
              description="5 fields (minute hour day month weekday), or 6 with seconds first"
              errorMessage={errors.scheduleCron}
            />
            <Field
              label="Time zone"
              name="scheduleTimezone"
              value={zone}
              onChange={setZone}
              description="IANA name"
              errorMessage={errors.scheduleTimezone}
            />
          </div>
          {preview && <FireTimes label="Preview" times={preview} />}
          <Alert>{error}</Alert>
          {saved && <p role="status">{saved}</p>}
          <div className="stage-actions">
            <Button className="secondary" onPress={() => void showPreview()} isDisabled={cron.trim() === ''}>
              Preview
            </Button>
            <Button type="submit">Save schedule</Button>
            {schedule?.cron && (
              <Button className="secondary outline" onPress={() => void save(true)}>
                Remove schedule
              </Button>
            )}
          </div>
        </Form>
      )}
    </section>
  );
}
