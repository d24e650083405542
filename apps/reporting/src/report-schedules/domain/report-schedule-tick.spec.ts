import { renderableFormatSchema } from '@mindhill/contracts';
import { REPORT_DEFAULTS } from '../../reports/domain/report-definition.schema';
import { Report } from '../../reports/domain/report.decider';
import { decideTick, OwnerRole, ReportScheduleTick, TickDecision } from './report-schedule-tick';

const reportId = '6f1f2a52-5b7e-4f0e-9d1a-0c5f7f0d2a11';
const report: Report = {
  ...REPORT_DEFAULTS,
  outputFormats: ['json', 'csv'],
  emailRecipients: [],
  sharedWithUsers: [],
  reportName: 'Runs by status',
  reportType: 'summary',
  reportConfig: { source: 'executions', columns: ['status', 'bytes_processed'] },
  grouping: { by: 'status' },
  isScheduled: true,
  scheduleCron: '*/1 * * * *',
  scheduleTimezone: 'Europe/Paris',
  uuid: reportId,
  number: 3,
  status: 'active',
  createdBy: 7,
};
const tick: ReportScheduleTick = { reportId, cron: '*/1 * * * *', timezone: 'Europe/Paris', fireAt: '2026-12-06T10:00:00.000Z' };
const justAfter = new Date('2026-12-06T10:00:00.050Z');
const user: OwnerRole = { role: 'user', active: true };

// given (the report and its owner's role now) / when (the tick fires at `now`) / then (the decision)
const given = (r: Report | null, owner: OwnerRole = user) => ({
  when: (t: ReportScheduleTick, now = justAfter, minScheduleIntervalSeconds = 60) => ({
    then: (expected: TickDecision) =>
      expect(decideTick({ report: r, owner }, { tick: t, now, minScheduleIntervalSeconds })).toEqual(expected),
  }),
});

describe('a report schedule tick', () => {
  it('given its schedule unchanged, when it fires, then every output format runs as the owner and the next minute is planned', () =>
    given(report)
      .when(tick)
      .then({
        kind: 'fire',
        by: { role: 'user', userNumber: 7 },
        formats: ['json', 'csv'],
        skipped: [],
        next: new Date('2026-12-06T10:01:00.000Z'),
      }));

  it('given an owner with no role known yet, when it fires, then they run it as a user (viewers cannot create reports)', () =>
    given(report, null)
      .when(tick)
      .then(expect.objectContaining({ kind: 'fire', by: { role: 'user', userNumber: 7 }, formats: ['json', 'csv'] })));

  it('given an admin owner, when it fires, then it runs as an admin', () =>
    given(report, { role: 'admin', active: true })
      .when(tick)
      .then(expect.objectContaining({ by: { role: 'admin', userNumber: 7 } })));

  it('given formats that cannot be rendered yet, when it fires, then those are skipped with FORMAT_NOT_SUPPORTED and the rest run', () => {
    const all = ['json', 'csv', 'html', 'xlsx', 'pdf'] as const;
    const renderable: readonly string[] = renderableFormatSchema.options;
    return given({ ...report, outputFormats: [...all] })
      .when(tick)
      .then(
        expect.objectContaining({
          kind: 'fire',
          formats: all.filter((f) => renderable.includes(f)),
          skipped: all.filter((f) => !renderable.includes(f)).map((format) => ({ format, code: 'REPORTING.FORMAT_NOT_SUPPORTED' })),
        }),
      );
  });

  it('given an owner demoted to viewer, when it fires, then nothing runs (OWNER_MAY_NOT_RUN) but the schedule goes on', () =>
    given(report, { role: 'viewer', active: true })
      .when(tick)
      .then({
        kind: 'fire',
        by: { role: 'viewer', userNumber: 7 },
        formats: [],
        skipped: [
          { format: 'json', code: 'REPORTING.OWNER_MAY_NOT_RUN' },
          { format: 'csv', code: 'REPORTING.OWNER_MAY_NOT_RUN' },
        ],
        next: new Date('2026-12-06T10:01:00.000Z'),
      }));

  it('given a deactivated owner, when it fires, then nothing runs', () =>
    given(report, { role: 'user', active: false })
      .when(tick)
      .then(
        expect.objectContaining({
          formats: [],
          skipped: [
            { format: 'json', code: 'REPORTING.OWNER_INACTIVE' },
            { format: 'csv', code: 'REPORTING.OWNER_INACTIVE' },
          ],
        }),
      ));

  it.each([
    ['the report is gone', null],
    ['the report was deactivated', { ...report, status: 'inactive' as const }],
    ['the report was archived', { ...report, status: 'archived' as const }],
    ['the schedule was switched off', { ...report, isScheduled: false }],
    ['the cron changed', { ...report, scheduleCron: '*/5 * * * *' }],
    ['the zone changed', { ...report, scheduleTimezone: 'UTC' }],
    ['the tick is of another report', { ...report, uuid: '00000000-0000-4000-8000-000000000000' }],
  ])('given %s, when the tick fires, then it does nothing (the change planned its own tick)', (_what, current) =>
    given(current).when(tick).then({ kind: 'stale' }),
  );

  it('given the platform minimum raised to 5 minutes, when an every-minute tick fires, then the next is 5 minutes on', () =>
    given(report)
      .when(tick, justAfter, 300)
      .then(expect.objectContaining({ next: new Date('2026-12-06T10:05:00.000Z') })));

  it('given a tick overdue by an hour (the service was down), when it fires, then it fires once and the next is the next future time', () =>
    given(report)
      .when(tick, new Date('2026-12-06T11:00:30.000Z'))
      .then(expect.objectContaining({ kind: 'fire', next: new Date('2026-12-06T11:01:00.000Z') })));

  it('given a daily 02:30 Paris schedule, when the tick before the spring change fires, then the next fires at 03:30 CEST', () => {
    const daily = { ...report, scheduleCron: '30 2 * * *' };
    const before = { ...tick, cron: '30 2 * * *', fireAt: '2026-03-28T01:30:00.000Z' };
    return given(daily)
      .when(before, new Date('2026-03-28T01:30:01.000Z'))
      .then(expect.objectContaining({ next: new Date('2026-03-29T01:30:00.000Z') }));
  });

  it('given a daily 02:30 Paris schedule, when the tick of the autumn change fires, then 02:30 does not fire again an hour later', () => {
    const daily = { ...report, scheduleCron: '30 2 * * *' };
    const first = { ...tick, cron: '30 2 * * *', fireAt: '2026-10-25T00:30:00.000Z' };
    return given(daily)
      .when(first, new Date('2026-10-25T00:30:01.000Z'))
      .then(expect.objectContaining({ next: new Date('2026-10-26T01:30:00.000Z') }));
  });
});
