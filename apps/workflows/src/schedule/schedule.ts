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

function invalid(message: string, path: string): DomainError {
  return new DomainError('WORKFLOWS.INVALID_SCHEDULE', message, 'invalid', { issues: [{ path, message }] });
}
