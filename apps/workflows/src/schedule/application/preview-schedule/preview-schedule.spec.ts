import { ZodValidationPipe } from '@mindhill/platform';
import { codeOf } from '@mindhill/testing';
import { PreviewScheduleQuery } from './preview-schedule.query';
import { previewScheduleParams } from './preview-schedule.schema';

const sut = () => ({ query: new PreviewScheduleQuery(), pipe: new ZodValidationPipe(previewScheduleParams) });
const now = new Date('2026-03-28T12:00:00Z');

describe('preview a schedule', () => {
  it('answers the next fire times in the zone, UTC and five by default', () => {
    const { query, pipe } = sut();
    expect(query.execute(pipe.transform({ cron: '0 9 * * *' }), now).nextFireTimes).toEqual([
      '2026-03-29T09:00:00.000Z',
      '2026-03-30T09:00:00.000Z',
      '2026-03-31T09:00:00.000Z',
      '2026-04-01T09:00:00.000Z',
      '2026-04-02T09:00:00.000Z',
    ]);
  });

  it('shows a daylight-saving change: 02:30 in Paris fires at 03:30 the night it does not exist', () => {
    const { query, pipe } = sut();
    expect(query.execute(pipe.transform({ cron: '30 2 * * *', timezone: 'Europe/Paris', count: '2' }), now)).toEqual({
      cron: '30 2 * * *',
      timezone: 'Europe/Paris',
      nextFireTimes: ['2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z'],
    });
  });

  it('refuses an unknown zone or a broken expression with WORKFLOWS.INVALID_SCHEDULE', () => {
    const { query, pipe } = sut();
    expect(codeOf(() => query.execute(pipe.transform({ cron: '0 9 * * *', timezone: 'Mars/Olympus_Mons' }), now))).toBe(
      'WORKFLOWS.INVALID_SCHEDULE',
    );
    expect(codeOf(() => query.execute(pipe.transform({ cron: '61 * * * *' }), now))).toBe('WORKFLOWS.INVALID_SCHEDULE');
  });
});
