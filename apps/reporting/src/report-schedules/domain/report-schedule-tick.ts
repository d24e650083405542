import { DomainError, nextTickFrom, Who } from '@mindhill/domain';
import type { Report } from '../../reports/domain/report.decider';
import { assertMayRun, RenderableFormat } from '../../report-executions/domain/report-execution.decider';
import { firingScheduleOf, nextFireAfter, ReportSchedule, sameSchedule } from './report-schedule-rules';

// A tick: the one pending job of a scheduled report, due at its next fire time, carrying the
// schedule it was planned for.
export type ReportScheduleTick = { reportId: string; cron: string; timezone: string; fireAt: string };

// The report's owner as user_roles knows them now; null when no event about them has arrived
// (they created the report, so they were a user or an admin: they run as a user).
export type OwnerRole = { role: string; active: boolean } | null;

export type TickState = { report: Report | null; owner: OwnerRole };
export type TickCommand = { tick: ReportScheduleTick; now: Date; minScheduleIntervalSeconds: number };

export type TickDecision =
  // The report is gone from the schedule, or its schedule changed since the tick was planned:
  // nothing; the change cancelled this tick and planned its own.
  | { kind: 'stale' }
  // Start one run per format in `formats` as `by` (the owner), then plan the next tick at `next`.
  // `skipped`: the formats (or, for an owner who may not run, every format) not started, and why.
  | { kind: 'fire'; by: Who; formats: RenderableFormat[]; skipped: { format: string; code: string }[]; next: Date };

// When a tick fires. A scheduled report renders every format of its outputFormats, each as its
// own run (triggered by `schedule`, as the owner, so it reads what the owner may see); a format
// that cannot be rendered yet, or a run the owner may no longer start (viewer, deactivated), is
// skipped and the schedule goes on. The next tick is no sooner than the platform minimum after
// this one, and never in the past (a tick that was due while the service was down fires once;
// no catch-up burst).
export function decideTick(state: TickState, command: TickCommand): TickDecision {
  const { report, owner } = state;
  const { tick } = command;
  const planned: ReportSchedule = { cron: tick.cron, timezone: tick.timezone };
  if (!report || report.uuid !== tick.reportId) return { kind: 'stale' };
  const schedule = firingScheduleOf(report);
  if (!schedule || !sameSchedule(schedule, planned)) return { kind: 'stale' };

  const by: Who = { role: owner ? owner.role : 'user', userNumber: report.createdBy };
  const next = nextFireAfter(schedule, nextTickFrom(tick.fireAt, command.minScheduleIntervalSeconds, command.now));
  const formats: RenderableFormat[] = [];
  const skipped: { format: string; code: string }[] = [];
  const ownerRefusal =
    owner && !owner.active ? 'REPORTING.OWNER_INACTIVE' : by.role !== 'user' && by.role !== 'admin' ? 'REPORTING.OWNER_MAY_NOT_RUN' : null;
  for (const format of report.outputFormats) {
    if (ownerRefusal) {
      skipped.push({ format, code: ownerRefusal });
      continue;
    }
    try {
      formats.push(assertMayRun({ reportId: report.uuid, report, format, by }).format);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      skipped.push({ format, code: error.code });
    }
  }
  return { kind: 'fire', by, formats, skipped, next };
}
