import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { EntityManager } from '@mikro-orm/postgresql';
import { cancelJobs, enqueueJob } from '@mindhill/persistence';
import { firingScheduleOf, nextFireAfter, ReportSchedule, ReportScheduleFields } from '../domain/report-schedule-rules';
import { OwnerRole, ReportScheduleTick } from '../domain/report-schedule-tick';

export const REPORT_SCHEDULE_TICK = 'report-schedule-tick';
const tickKeyPrefix = (reportId: string) => `report-sched:${reportId}:`;

// A tick job's payload, parsed when the job runs.
export const reportScheduleTickSchema = z.object({
  reportId: z.string(),
  cron: z.string(),
  timezone: z.string(),
  fireAt: z.string(),
}) satisfies z.ZodType<ReportScheduleTick>;

// Keeps exactly one pending tick per active scheduled report, and flux_reports.next_run_at equal
// to its fire time (null without one). Called in the transaction of every change that can affect
// it (create, a schedule or status change, archive), after the report's event is appended (so
// the report row is locked and changes of one report plan one after the other), and by the tick
// itself. `from`: the tick is the first fire time after it. `created`: the report was created in
// this transaction under a fresh id, so no tick of it can exist and the cancel is skipped.
export async function planReportTick(
  em: EntityManager,
  report: ReportScheduleFields & { uuid: string },
  from: Date,
  options: { created?: boolean } = {},
): Promise<Date | null> {
  const schedule = firingScheduleOf(report);
  return planReportTickAt(em, report.uuid, schedule && { ...schedule, fireAt: nextFireAfter(schedule, from) }, options);
}

// The same, at a fire time already decided (a tick plans the next one); null: no tick.
export async function planReportTickAt(
  em: EntityManager,
  reportId: string,
  next: (ReportSchedule & { fireAt: Date }) | null,
  options: { created?: boolean } = {},
): Promise<Date | null> {
  if (!options.created) await cancelJobs(em, tickKeyPrefix(reportId));
  if (next) {
    const tick: ReportScheduleTick = { reportId, cron: next.cron, timezone: next.timezone, fireAt: next.fireAt.toISOString() };
    // A key of its own per planning act: a cancelled tick for the same instant must not block it.
    await enqueueJob(em, {
      key: `${tickKeyPrefix(reportId)}${tick.fireAt}:${randomUUID()}`,
      kind: REPORT_SCHEDULE_TICK,
      payload: tick,
      runAfter: next.fireAt,
    });
  }
  await em.execute('UPDATE flux_reports SET next_run_at = ? WHERE uuid = ?', [next?.fireAt.toISOString() ?? null, reportId], 'run');
  return next?.fireAt ?? null;
}

// The tick's job, claimed by this worker, is marked done: false when it is no longer running for
// us (a schedule change cancelled it meanwhile, or another replica already finished it), in which
// case the tick does nothing. Waits for a concurrent change of the same job to commit first.
export async function finishTick(em: EntityManager, jobId: string): Promise<boolean> {
  const rows = await em.execute<unknown[]>(
    `UPDATE job SET status = 'done', locked_until = NULL, updated_at = now() WHERE id = ? AND status = 'running' RETURNING 1`,
    [jobId],
  );
  return rows.length === 1;
}

// The owner's current role, as reporting's user_roles read model has it (null: not known yet).
export async function findOwnerRole(em: EntityManager, userNumber: number | null): Promise<OwnerRole> {
  if (userNumber === null) return null;
  const [row] = await em.execute<{ role: string; active: boolean }[]>('SELECT role, active FROM user_roles WHERE user_number = ?', [
    userNumber,
  ]);
  return row ? { role: row.role, active: Boolean(row.active) } : null;
}

// Active scheduled reports without a pending tick (saved before ticks were planned), under a
// transaction-wide lock so replicas starting together look one after the other.
export async function lockUnplannedSchedules(em: EntityManager): Promise<string[]> {
  await em.execute(`SELECT pg_advisory_xact_lock(hashtext('reporting.report-schedule-ticks'))`);
  const rows = await em.execute<{ uuid: string }[]>(
    `SELECT uuid FROM flux_reports r
      WHERE status = 'active' AND is_scheduled AND schedule_cron IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM job j WHERE j.kind = ? AND j.status IN ('pending', 'running') AND j.payload->>'reportId' = r.uuid::text)
      ORDER BY id`,
    [REPORT_SCHEDULE_TICK],
  );
  return rows.map((r) => String(r.uuid));
}

// After a rebuild of flux_reports (which replays events, not ticks): next_run_at from the ticks
// that are still pending.
export const RESTORE_NEXT_RUN_AT_SQL = `UPDATE flux_reports r SET next_run_at = t.fire_at
  FROM (SELECT payload->>'reportId' AS report_id, min(run_after) AS fire_at FROM job
         WHERE kind = '${REPORT_SCHEDULE_TICK}' AND status IN ('pending', 'running') GROUP BY 1) t
 WHERE r.uuid::text = t.report_id`;
