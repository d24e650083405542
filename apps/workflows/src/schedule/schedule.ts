import { parseExpression } from 'cron-parser';
import { DomainError } from '@mindhill/platform';

// When a scheduled workflow runs. Cron with 5 fields (minute precision) or 6 (seconds first), in
// an IANA time zone (UTC by default, errata 15). Daylight-saving changes: a local time skipped by
// the spring change fires one hour later (02:30 → 03:30); a local time that occurs twice in
// autumn fires once, at its first occurrence.
export function nextFireTimes(cron: string, timezone: string, from: Date, count: number): Date[] {
  const iterator = parseExpression(cron, { tz: timezone, currentDate: from });
  return Array.from({ length: count }, () => iterator.next().toDate());
}

export function assertValidSchedule(cron: string | null, timezone: string): void {
  if (!isTimeZone(timezone)) throw invalid(`"${timezone}" is not an IANA time zone`, 'scheduleTimezone');
  if (cron === null) return;
  try {
    nextFireTimes(cron, timezone, new Date(), 1);
  } catch (error) {
    throw invalid(`"${cron}" is not a cron expression: ${(error as Error).message}`, 'scheduleCron');
  }
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function invalid(message: string, path: string): DomainError {
  return new DomainError('WORKFLOWS.INVALID_SCHEDULE', message, 'invalid', { issues: [{ path, message }] });
}
