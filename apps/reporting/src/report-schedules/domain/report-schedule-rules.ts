import {
  assertScheduleInterval,
  assertValidSchedule,
  DomainError,
  nextFireTimes,
  scheduleErrorCodes,
  ScheduleErrorCodes,
} from '@mindhill/domain';

// A report's schedule: a five-field cron (minute precision) in an IANA zone. The cron and
// daylight-saving rules are the platform's (@mindhill/domain, shared with workflows): a local time
// skipped by the spring change fires an hour later, one that occurs twice in autumn fires once.
export const REPORTING_SCHEDULE_CODES: ScheduleErrorCodes = scheduleErrorCodes('REPORTING');

export type ReportScheduleFields = {
  status: string;
  isScheduled: boolean;
  scheduleCron: string | null;
  scheduleTimezone: string;
};

// What a scheduled report fires on.
export type ReportSchedule = { cron: string; timezone: string };

// The schedule a report fires on now: an active report with `isScheduled` and a cron. An inactive
// or archived report, or one whose schedule is switched off, has none (and no pending tick).
export function firingScheduleOf(report: ReportScheduleFields): ReportSchedule | null {
  if (report.status !== 'active' || !report.isScheduled || !report.scheduleCron) return null;
  return { cron: report.scheduleCron, timezone: report.scheduleTimezone };
}

export function sameSchedule(a: ReportSchedule | null, b: ReportSchedule | null): boolean {
  return a === b || (a !== null && b !== null && a.cron === b.cron && a.timezone === b.timezone);
}

// The first fire time strictly after `after`.
export function nextFireAfter(schedule: ReportSchedule, after: Date): Date {
  return nextFireTimes(schedule.cron, schedule.timezone, after, 1)[0]!;
}

// How a saved schedule is checked: `now` from the command; the minimum interval (the live
// setting) only when the schedule is being set or changed, so an older schedule does not block
// unrelated edits (its ticks are spaced by the minimum anyway).
export type ScheduleCheck = { now: string; minScheduleIntervalSeconds: number; intervalChecked: boolean };

// A cron is checked whenever there is one (scheduled or not, so switching it on later cannot
// fail on its syntax): five fields, each valid (REPORTING.INVALID_SCHEDULE, 400), in a real zone,
// firing no more often than the minimum (REPORTING.SCHEDULE_TOO_FREQUENT, 400).
export function assertValidReportSchedule(fields: Omit<ReportScheduleFields, 'status'>, check: ScheduleCheck): void {
  const now = new Date(check.now);
  const cron = fields.scheduleCron;
  if (cron !== null && cron.trim().split(/\s+/).length !== 5) {
    const message = `"${cron}" must have five fields (minute hour day-of-month month day-of-week)`;
    throw new DomainError(REPORTING_SCHEDULE_CODES.invalid, message, 'invalid', { issues: [{ path: 'scheduleCron', message }] });
  }
  assertValidSchedule(cron, fields.scheduleTimezone, REPORTING_SCHEDULE_CODES, now);
  // Five fields fire at most once a minute: a minimum of 60 s or less holds without walking the
  // next fire times (hundreds of them for an every-minute cron, the costly part of a save).
  if (check.intervalChecked && check.minScheduleIntervalSeconds > 60) {
    assertScheduleInterval(cron, fields.scheduleTimezone, check.minScheduleIntervalSeconds, REPORTING_SCHEDULE_CODES, now);
  }
}
