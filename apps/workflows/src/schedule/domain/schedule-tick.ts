import { nextTickFrom } from '@mindhill/domain';

// A schedule tick: the one pending job per scheduled, active workflow, due at its next fire time.
export type ScheduleTick = { workflowId: string; cron: string; timezone: string; fireAt: string };

// What a tick compares with: the workflow's schedule as it is now.
export type WorkflowSchedule = { status: string; cron: string | null; timezone: string };

// A tick fires only if its workflow still exists, is active and keeps the schedule the tick was
// planned for. Otherwise the change (cron, zone, status) already planned its own tick.
export function tickIsDue(schedule: WorkflowSchedule | null, tick: ScheduleTick): boolean {
  return schedule !== null && schedule.status === 'active' && schedule.cron === tick.cron && schedule.timezone === tick.timezone;
}

// The next tick is planned from the later of now and this fire time plus the platform minimum
// (less a second), so a schedule saved before the minimum existed (or before it was raised)
// still fires no more often than min_schedule_interval_seconds.
export function nextTickAfter(tick: ScheduleTick, minIntervalSeconds: number, now: Date): Date {
  return nextTickFrom(tick.fireAt, minIntervalSeconds, now);
}
