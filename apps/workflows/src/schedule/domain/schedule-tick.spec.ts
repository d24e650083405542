import { nextTickAfter, ScheduleTick, tickIsDue } from './schedule-tick';

const tick: ScheduleTick = { workflowId: 'w', cron: '0 * * * * *', timezone: 'Europe/Paris', fireAt: '2026-12-06T10:00:00.000Z' };
const schedule = { status: 'active', cron: '0 * * * * *', timezone: 'Europe/Paris' };

describe('schedule ticks', () => {
  it('given the schedule the tick was planned for, when it is due, then it fires', () => {
    expect(tickIsDue(schedule, tick)).toBe(true);
  });

  it.each([
    ['the workflow is gone', null],
    ['the workflow was deactivated', { ...schedule, status: 'inactive' }],
    ['the cron changed', { ...schedule, cron: '30 * * * * *' }],
    ['the zone changed', { ...schedule, timezone: 'UTC' }],
  ])('given %s, when the tick is due, then it does nothing (the change planned its own tick)', (_what, current) => {
    expect(tickIsDue(current, tick)).toBe(false);
  });

  it('plans the next tick no sooner than the platform minimum after this one, nor before now', () => {
    expect(nextTickAfter(tick, 60, new Date('2026-12-06T10:00:00.050Z')).toISOString()).toBe('2026-12-06T10:00:59.000Z');
    expect(nextTickAfter(tick, 60, new Date('2026-12-06T10:05:00.000Z')).toISOString()).toBe('2026-12-06T10:05:00.000Z');
  });
});
