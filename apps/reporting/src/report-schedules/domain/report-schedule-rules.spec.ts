import { codeOf } from '@mindhill/testing';
import { assertValidReportSchedule, firingScheduleOf, nextFireAfter, sameSchedule } from './report-schedule-rules';

const now = '2026-12-06T10:00:00.000Z';
const check = { now, minScheduleIntervalSeconds: 60, intervalChecked: true };
const fields = { isScheduled: true, scheduleCron: '0 9 * * 1-5', scheduleTimezone: 'Europe/Paris' };
const iso = (d: Date) => d.toISOString();

describe('report schedule rules', () => {
  describe('given a schedule being saved', () => {
    it('when it is five valid fields in a real zone, then it is accepted (and no cron always is)', () => {
      expect(codeOf(() => assertValidReportSchedule(fields, check))).toBeNull();
      expect(codeOf(() => assertValidReportSchedule({ ...fields, scheduleCron: '*/1 * * * *' }, check))).toBeNull();
      expect(codeOf(() => assertValidReportSchedule({ ...fields, isScheduled: false, scheduleCron: null }, check))).toBeNull();
    });

    it.each([
      ['a field out of range', '61 * * * *'],
      ['words', 'every monday at nine'],
      ['six fields (seconds are not offered for reports)', '0 0 9 * * 1'],
      ['four fields', '0 9 * *'],
      ['a day that never comes', '0 9 31 2 *'],
    ])('when it has %s, then it is refused with REPORTING.INVALID_SCHEDULE on scheduleCron', (_what, cron) => {
      expect(() => assertValidReportSchedule({ ...fields, scheduleCron: cron }, check)).toThrow(
        expect.objectContaining({
          code: 'REPORTING.INVALID_SCHEDULE',
          details: { issues: [expect.objectContaining({ path: 'scheduleCron' })] },
        }),
      );
    });

    it('when the cron is valid but stored unscheduled, then it is still checked (switching it on later cannot fail on it)', () => {
      expect(codeOf(() => assertValidReportSchedule({ ...fields, isScheduled: false, scheduleCron: '99 * * * *' }, check))).toBe(
        'REPORTING.INVALID_SCHEDULE',
      );
    });

    it('when the zone is not an IANA zone, then it is refused with REPORTING.INVALID_SCHEDULE on scheduleTimezone', () => {
      expect(() => assertValidReportSchedule({ ...fields, scheduleTimezone: 'Mars/Olympus_Mons' }, check)).toThrow(
        expect.objectContaining({
          code: 'REPORTING.INVALID_SCHEDULE',
          details: { issues: [expect.objectContaining({ path: 'scheduleTimezone' })] },
        }),
      );
    });

    it('when it fires more often than min_schedule_interval_seconds, then it is refused with REPORTING.SCHEDULE_TOO_FREQUENT', () => {
      const every5min = { ...check, minScheduleIntervalSeconds: 300 };
      expect(codeOf(() => assertValidReportSchedule({ ...fields, scheduleCron: '*/1 * * * *' }, every5min))).toBe(
        'REPORTING.SCHEDULE_TOO_FREQUENT',
      );
      expect(codeOf(() => assertValidReportSchedule({ ...fields, scheduleCron: '0,2 9 * * *' }, every5min))).toBe(
        'REPORTING.SCHEDULE_TOO_FREQUENT',
      );
      expect(codeOf(() => assertValidReportSchedule({ ...fields, scheduleCron: '*/5 * * * *' }, every5min))).toBeNull();
    });

    it('when the interval is not checked (an older schedule left as it is), then only its syntax is', () => {
      expect(
        codeOf(() =>
          assertValidReportSchedule(
            { ...fields, scheduleCron: '*/1 * * * *' },
            { ...check, minScheduleIntervalSeconds: 300, intervalChecked: false },
          ),
        ),
      ).toBeNull();
    });
  });

  describe('the schedule a report fires on', () => {
    const report = { status: 'active', ...fields };
    it('is its cron and zone while it is active and scheduled', () => {
      expect(firingScheduleOf(report)).toEqual({ cron: '0 9 * * 1-5', timezone: 'Europe/Paris' });
    });

    it.each([
      ['inactive', { ...report, status: 'inactive' }],
      ['archived', { ...report, status: 'archived' }],
      ['not scheduled', { ...report, isScheduled: false }],
    ])('is none when the report is %s', (_what, r) => {
      expect(firingScheduleOf(r)).toBeNull();
    });

    it('is the same only with the same cron and zone', () => {
      expect(sameSchedule({ cron: '0 9 * * *', timezone: 'UTC' }, { cron: '0 9 * * *', timezone: 'UTC' })).toBe(true);
      expect(sameSchedule({ cron: '0 9 * * *', timezone: 'UTC' }, { cron: '0 9 * * *', timezone: 'Europe/Paris' })).toBe(false);
      expect(sameSchedule(null, { cron: '0 9 * * *', timezone: 'UTC' })).toBe(false);
      expect(sameSchedule(null, null)).toBe(true);
    });
  });

  describe('next fire time across daylight-saving changes', () => {
    it('fires 02:30 Paris at 03:30 CEST the night 02:30 does not exist (29 March 2026)', () => {
      expect(iso(nextFireAfter({ cron: '30 2 * * *', timezone: 'Europe/Paris' }, new Date('2026-03-28T12:00:00Z')))).toBe(
        '2026-03-29T01:30:00.000Z',
      );
    });

    it('fires 02:30 Paris once, at its first occurrence, the night it happens twice (25 October 2026)', () => {
      const first = nextFireAfter({ cron: '30 2 * * *', timezone: 'Europe/Paris' }, new Date('2026-10-24T12:00:00Z'));
      expect(iso(first)).toBe('2026-10-25T00:30:00.000Z');
      expect(iso(nextFireAfter({ cron: '30 2 * * *', timezone: 'Europe/Paris' }, first))).toBe('2026-10-26T01:30:00.000Z');
    });

    it('keeps 09:00 New York local across the autumn change (13:00 UTC in EDT, 14:00 UTC after the 1 November switch to EST)', () => {
      const schedule = { cron: '0 9 * * *', timezone: 'America/New_York' };
      expect(iso(nextFireAfter(schedule, new Date('2026-10-31T12:00:00Z')))).toBe('2026-10-31T13:00:00.000Z');
      expect(iso(nextFireAfter(schedule, new Date('2026-10-31T14:00:00Z')))).toBe('2026-11-01T14:00:00.000Z');
    });
  });
});
