import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { EntityManager } from '@mikro-orm/postgresql';
import { cancelJobs, enqueueJob } from '@mindhill/persistence';
import type { WorkflowRow } from '../../workflow/infrastructure/workflow.read-model';
import { nextFireTimes } from '../domain/schedule';
import { ScheduleTick, WorkflowSchedule } from '../domain/schedule-tick';

export const SCHEDULE_TICK = 'schedule-tick';

// A tick job's payload, parsed when the job runs.
export const scheduleTickSchema = z.object({
  workflowId: z.string(),
  cron: z.string(),
  timezone: z.string(),
  fireAt: z.string(),
}) satisfies z.ZodType<ScheduleTick>;

export function scheduleOf(workflow: Pick<WorkflowRow, 'status' | 'schedule_cron' | 'schedule_timezone'>): WorkflowSchedule {
  return { status: workflow.status, cron: workflow.schedule_cron, timezone: workflow.schedule_timezone };
}

// Keeps exactly one pending tick per scheduled, active workflow: called in the same transaction
// as every change that can affect it (create, update, status change) and by the tick itself. A
// tick due while the service was down fires once when it is back, then the schedule goes on from
// the next future time (no catch-up burst).
// `created`: the workflow was created in this transaction under a fresh id, so no tick of it can
// exist yet and the cancel (a round trip) is skipped.
export async function rescheduleWorkflow(
  em: EntityManager,
  workflow: Pick<WorkflowRow, 'uuid' | 'status' | 'schedule_cron' | 'schedule_timezone' | 'is_template'>,
  after = new Date(),
  options: { created?: boolean } = {},
): Promise<Date | null> {
  if (!options.created) await cancelJobs(em, `sched:${workflow.uuid}:`);
  if (workflow.status !== 'active' || workflow.is_template || !workflow.schedule_cron) return null;
  const [fireAt] = nextFireTimes(workflow.schedule_cron, workflow.schedule_timezone, after, 1);
  const tick: ScheduleTick = {
    workflowId: workflow.uuid,
    cron: workflow.schedule_cron,
    timezone: workflow.schedule_timezone,
    fireAt: fireAt!.toISOString(),
  };
  // A key of its own per scheduling act: a cancelled tick for the same instant must not block it.
  await enqueueJob(em, {
    key: `sched:${workflow.uuid}:${tick.fireAt}:${randomUUID()}`,
    kind: SCHEDULE_TICK,
    payload: tick,
    runAfter: fireAt,
  });
  return fireAt!;
}
