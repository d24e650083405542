import { parseExpression } from 'cron-parser';
import { DomainError } from '../domain-error';

// Cron schedules, shared by the services that fire them (workflows' scheduled runs, reporting's
// scheduled reports). Cron with 5 fields (minute precision) or 6 (seconds first), in an IANA time
// zone (UTC by default, errata 15). Daylight-saving changes: a local time skipped by the spring
// change fires one hour later (02:30 → 03:30); a local time that occurs twice in autumn fires
// once, at its first occurrence.
export function nextFireTimes(cron: string, timezone: string, from: Date, count: number): Date[] {
  const iterator = parseExpression(cron, { tz: timezone, currentDate: from });
  return Array.from({ length: count }, () => iterator.next().toDate());
}

// The error codes a service answers with: `<SERVICE>.INVALID_SCHEDULE` (400, the expression or
// the zone) and `<SERVICE>.SCHEDULE_TOO_FREQUENT` (400, under min_schedule_interval_seconds).
export type ScheduleErrorCodes = { invalid: string; tooFrequent: string };

export const scheduleErrorCodes = (service: string): ScheduleErrorCodes => ({
  invalid: `${service}.INVALID_SCHEDULE`,
  tooFrequent: `${service}.SCHEDULE_TOO_FREQUENT`,
});

// `now`: deciders pass their command's time; the default is for callers outside a decision.
export function assertValidSchedule(cron: string | null, timezone: string, codes: ScheduleErrorCodes, now = new Date()): void {
  if (!isTimeZone(timezone)) throw invalid(codes, `"${timezone}" is not an IANA time zone`, 'scheduleTimezone');
  if (cron === null) return;
  try {
    nextFireTimes(cron, timezone, now, 1);
  } catch (error) {
    throw invalid(codes, `"${cron}" is not a cron expression: ${(error as Error).message}`, 'scheduleCron');
  }
}

// The shortest time between two consecutive fire times, in seconds, over the next fire times
// (at most `count`, within 400 days: a tighter pair in a cron is a product of its fields, so it
// shows within one cycle of the largest field that varies). Infinity when it fires at most once.
export function shortestGapSeconds(cron: string, timezone: string, from: Date, count = 500, stopBelowSeconds = 0): number {
  const iterator = parseExpression(cron, { tz: timezone, currentDate: from });
  const horizon = from.getTime() + 400 * 86_400_000;
  let previous: number | null = null;
  let shortest = Infinity;
  for (let i = 0; i < count; i++) {
    let at: number;
    try {
      at = iterator.next().toDate().getTime();
    } catch {
      break;
    }
    if (at > horizon) break;
    if (previous !== null) shortest = Math.min(shortest, (at - previous) / 1000);
    if (shortest < stopBelowSeconds) break;
    previous = at;
  }
  return shortest;
}

// The platform minimum (min_schedule_interval_seconds): a schedule may not fire more often,
// in its own zone, seconds field included.
export function assertScheduleInterval(
  cron: string | null,
  timezone: string,
  minIntervalSeconds: number,
  codes: ScheduleErrorCodes,
  from = new Date(),
): void {
  if (cron === null) return;
  const gap = shortestGapSeconds(cron, timezone, from, 500, minIntervalSeconds);
  if (gap < minIntervalSeconds) {
    throw new DomainError(
      codes.tooFrequent,
      `"${cron}" fires every ${gap} s at times; schedules may not fire more often than every ${minIntervalSeconds} s (min_schedule_interval_seconds)`,
      'invalid',
      {
        issues: [{ path: 'scheduleCron', message: `fires ${gap} s apart; the minimum is ${minIntervalSeconds} s` }],
        shortestGapSeconds: gap,
        minIntervalSeconds,
      },
    );
  }
}

// The time the tick after a tick planned for `fireAt` is planned from: the later of now and this
// fire time plus the platform minimum (less a second), so a schedule saved before the minimum
// existed (or before it was raised) still fires no more often than min_schedule_interval_seconds.
export function nextTickFrom(fireAt: string, minIntervalSeconds: number, now: Date): Date {
  return new Date(Math.max(now.getTime(), Date.parse(fireAt) + minIntervalSeconds * 1000 - 1000));
}

// Building an Intl.DateTimeFormat to test a zone costs more than the rest of a workflow command's
// validation (profile of POST /api/v1/workflows): remembered per zone name, bounded.
const knownZones = new Map<string, boolean>();

export function isTimeZone(zone: string): boolean {
  const known = knownZones.get(zone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    valid = true;
  } catch {
    valid = false;
  }
  if (knownZones.size < 1_000) knownZones.set(zone, valid);
  return valid;
}

function invalid(codes: ScheduleErrorCodes, message: string, path: string): DomainError {
  return new DomainError(codes.invalid, message, 'invalid', { issues: [{ path, message }] });
}
