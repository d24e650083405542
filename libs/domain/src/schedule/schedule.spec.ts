import { codeOf } from '@mindhill/testing';
import {
  assertScheduleInterval,
  assertValidSchedule,
  nextFireTimes,
  nextTickFrom,
  scheduleErrorCodes,
  shortestGapSeconds,
} from './schedule';

// Each service answers with its own codes; the rules are the same.
const codes = scheduleErrorCodes('SVC');

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('schedule', () => {
  it('fires at local times in the schedule time zone', () => {
    expect(iso(nextFireTimes('0 9 * * 1-5', 'America/New_York', new Date('2026-11-27T00:00:00Z'), 2))).toEqual([
      '2026-11-27T14:00:00.000Z',
      '2026-11-30T14:00:00.000Z',
    ]);
  });

  it('fires a local time skipped by the spring change one hour later', () => {
    expect(iso(nextFireTimes('30 2 * * *', 'Europe/Paris', new Date('2026-03-28T12:00:00Z'), 2))).toEqual([
      '2026-03-29T01:30:00.000Z', // 03:30 CEST: 02:30 did not exist that night
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('fires a local time that occurs twice in autumn once, at its first occurrence', () => {
    expect(iso(nextFireTimes('30 2 * * *', 'Europe/Paris', new Date('2026-10-24T12:00:00Z'), 2))).toEqual([
      '2026-10-25T00:30:00.000Z', // the first 02:30 (CEST)
      '2026-10-26T01:30:00.000Z', // 02:30 CET
    ]);
  });

  it('accepts six fields (seconds first) and UTC by default', () => {
    expect(iso(nextFireTimes('*/20 * * * * *', 'UTC', new Date('2026-11-26T06:00:05Z'), 2))).toEqual([
      '2026-11-26T06:00:20.000Z',
      '2026-11-26T06:00:40.000Z',
    ]);
  });

  it.each([
    ['an unknown zone', '0 9 * * *', 'Mars/Olympus_Mons', 'scheduleTimezone'],
    ['a broken expression', '61 * * * *', 'UTC', 'scheduleCron'],
    ['six fields of nonsense', 'a b c d e f', 'UTC', 'scheduleCron'],
    ['a day that does not exist', '0 9 31 2 *', 'UTC', 'scheduleCron'],
  ])('refuses %s with <SERVICE>.INVALID_SCHEDULE', (_what, cron, zone, path) => {
    expect(() => assertValidSchedule(cron, zone, codes)).toThrow(
      expect.objectContaining({ code: 'SVC.INVALID_SCHEDULE', details: { issues: [expect.objectContaining({ path })] } }),
    );
  });
});

describe('platform minimum schedule interval', () => {
  const from = new Date('2026-11-26T06:00:05Z');

  it.each([
    ['every second (six fields)', '* * * * * *', 'UTC', 1],
    ['every 20 seconds', '*/20 * * * * *', 'UTC', 20],
    ['every minute', '* * * * *', 'Europe/Paris', 60],
    ['two minutes apart once a day', '0,2 9 * * *', 'America/New_York', 120],
    ['hourly', '0 * * * *', 'Asia/Kolkata', 3_600],
    ['59 then 0 past the hour', '0,59 * * * *', 'UTC', 60],
    ['twice on New Year only', '0,1 0 1 1 *', 'UTC', 60],
  ])('given %s, the shortest gap is known', (_what, cron, zone, gap) => {
    expect(shortestGapSeconds(cron, zone, from)).toBe(gap);
  });

  it('given the 60 s minimum, when a schedule fires more often, then it is refused with <SERVICE>.SCHEDULE_TOO_FREQUENT', () => {
    expect(codeOf(() => assertScheduleInterval('* * * * * *', 'UTC', 60, codes, from))).toBe('SVC.SCHEDULE_TOO_FREQUENT');
    expect(codeOf(() => assertScheduleInterval('0,30 * * * * *', 'UTC', 60, codes, from))).toBe('SVC.SCHEDULE_TOO_FREQUENT');
    expect(codeOf(() => assertScheduleInterval('0,1 0 1 1 *', 'UTC', 300, codes, from))).toBe('SVC.SCHEDULE_TOO_FREQUENT');
  });

  it('given the 60 s minimum, when a schedule fires at most once a minute, then it is accepted (and no schedule always is)', () => {
    expect(codeOf(() => assertScheduleInterval('* * * * *', 'UTC', 60, codes, from))).toBeNull();
    expect(codeOf(() => assertScheduleInterval('0 * * * * *', 'UTC', 60, codes, from))).toBeNull();
    expect(codeOf(() => assertScheduleInterval('0 9 * * 1-5', 'Europe/Paris', 60, codes, from))).toBeNull();
    expect(codeOf(() => assertScheduleInterval(null, 'UTC', 60, codes, from))).toBeNull();
  });
});

describe('the tick after a tick', () => {
  it('is planned no sooner than the platform minimum after this one (less a second), nor before now', () => {
    expect(nextTickFrom('2026-12-06T10:00:00.000Z', 60, new Date('2026-12-06T10:00:00.050Z')).toISOString()).toBe(
      '2026-12-06T10:00:59.000Z',
    );
    expect(nextTickFrom('2026-12-06T10:00:00.000Z', 60, new Date('2026-12-06T10:05:00.000Z')).toISOString()).toBe(
      '2026-12-06T10:05:00.000Z',
    );
  });
});
