import {
  assertScheduleInterval as assertSharedScheduleInterval,
  assertValidSchedule as assertSharedValidSchedule,
  scheduleErrorCodes,
} from '@mindhill/domain';

// The schedule rules live in @mindhill/domain (shared with reporting's scheduled reports); here
// they answer with the workflows codes, WORKFLOWS.INVALID_SCHEDULE and WORKFLOWS.SCHEDULE_TOO_FREQUENT.
export { isTimeZone, nextFireTimes, shortestGapSeconds } from '@mindhill/domain';

export const WORKFLOWS_SCHEDULE_CODES = scheduleErrorCodes('WORKFLOWS');

export function assertValidSchedule(cron: string | null, timezone: string, now = new Date()): void {
  assertSharedValidSchedule(cron, timezone, WORKFLOWS_SCHEDULE_CODES, now);
}

export function assertScheduleInterval(cron: string | null, timezone: string, minIntervalSeconds: number, from = new Date()): void {
  assertSharedScheduleInterval(cron, timezone, minIntervalSeconds, WORKFLOWS_SCHEDULE_CODES, from);
}
