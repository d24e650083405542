import { assertValidSchedule, nextFireTimes } from './schedule';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('schedule', () => {
  it('fires at local times in the workflow time zone', () => {
    expect(iso(nextFireTimes('0 9 * * 1-5', 'America/New_York', new Date('2026-11-27T00:00:00Z'), 2))).toEqual([
      '2026-11-27T14:00:00.000Z', '2026-11-30T14:00:00.000Z',
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
    expect(iso(nextFireTimes('*/20 * * * * *', 'UTC', new Date('2026-11-26T06:00:05Z'), 2))).toEqual(['2026-11-26T06:00:20.000Z', '2026-11-26T06:00:40.000Z']);
  });

  it.each([
    ['an unknown zone', '0 9 * * *', 'Mars/Olympus_Mons', 'scheduleTimezone'],
    ['a broken expression', '61 * * * *', 'UTC', 'scheduleCron'],
  ])('refuses %s with WORKFLOWS.INVALID_SCHEDULE', (_what, cron, zone, path) => {
    expect(() => assertValidSchedule(cron, zone)).toThrow(expect.objectContaining({ code: 'WORKFLOWS.INVALID_SCHEDULE', details: { issues: [expect.objectContaining({ path })] } }));
  });
});
