import { ZodValidationPipe } from '@mindhill/platform';
import { codeOf } from '@mindhill/testing';
import { PreviewReportScheduleQuery } from './preview-report-schedule.query';
import { previewReportScheduleParams } from './preview-report-schedule.schema';

const sut = (minScheduleIntervalSeconds = 60) => ({
  query: new PreviewReportScheduleQuery({ minScheduleIntervalSeconds }),
  pipe: new ZodValidationPipe(previewReportScheduleParams),
});
const now = new Date('2026-03-28T12:00:00Z');

describe('preview a report schedule', () => {
  it('given a cron alone, when previewed, then it answers the next five fire times in UTC', () => {
    const { query, pipe } = sut();
    expect(query.execute(pipe.transform({ cron: '0 9 * * *' }), now).nextFireTimes).toEqual([
      '2026-03-29T09:00:00.000Z',
      '2026-03-30T09:00:00.000Z',
      '2026-03-31T09:00:00.000Z',
      '2026-04-01T09:00:00.000Z',
      '2026-04-02T09:00:00.000Z',
    ]);
  });

  it('given 02:30 in Paris, when previewed over the spring change, then it fires at 03:30 the night 02:30 does not exist', () => {
    const { query, pipe } = sut();
    expect(query.execute(pipe.transform({ cron: '30 2 * * *', timezone: 'Europe/Paris', count: '2' }), now)).toEqual({
      cron: '30 2 * * *',
      timezone: 'Europe/Paris',
      nextFireTimes: ['2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z'],
    });
  });

  it('given what saving would refuse, when previewed, then it is refused with the same code', () => {
    const { query, pipe } = sut(300);
    expect(codeOf(() => query.execute(pipe.transform({ cron: '0 9 * * *', timezone: 'Mars/Olympus_Mons' }), now))).toBe(
      'REPORTING.INVALID_SCHEDULE',
    );
    expect(codeOf(() => query.execute(pipe.transform({ cron: '0 0 9 * * *' }), now))).toBe('REPORTING.INVALID_SCHEDULE');
    expect(codeOf(() => query.execute(pipe.transform({ cron: '*/1 * * * *' }), now))).toBe('REPORTING.SCHEDULE_TOO_FREQUENT');
  });
});
