import { Inject, Injectable } from '@nestjs/common';
import { completeJob, EventContext, EventStore } from '@mindhill/persistence';
import { RUN_LIMIT, RunLimit } from '../../../workflows.settings';
import { StartExecutionHandler } from '../../../execution/application/start-execution/start-execution.handler';
import { findWorkflow } from '../../../workflow/infrastructure/workflow.read-model';
import { nextTickAfter, ScheduleTick, tickIsDue } from '../../domain/schedule-tick';
import { rescheduleWorkflow, scheduleOf } from '../../infrastructure/schedule-ticks.store';

// Job: a schedule's time has come. The run, the job's completion and the next tick commit
// together. A run for which no slot is free waits for one (default priority).
@Injectable()
export class FireScheduleJob {
  constructor(
    private readonly events: EventStore,
    private readonly startExecution: StartExecutionHandler,
    @Inject(RUN_LIMIT) private readonly runLimit: RunLimit,
  ) {}

  async run(tick: ScheduleTick, jobId: string, context: EventContext): Promise<void> {
    await this.events.transact(async (tx) => {
      await completeJob(tx.em, jobId);
      const workflow = await findWorkflow(tx.em, tick.workflowId);
      // A tick whose schedule changed meanwhile does nothing: the change planned its own tick.
      if (!workflow || !tickIsDue(scheduleOf(workflow), tick)) return;
      await this.startExecution.startIn(
        tx,
        tick.workflowId,
        { triggeredBy: 'schedule', trigger: { kind: 'schedule', workflowId: tick.workflowId, fireAt: tick.fireAt } },
        context,
      );
      await rescheduleWorkflow(tx.em, workflow, nextTickAfter(tick, this.runLimit.minScheduleIntervalSeconds, new Date()));
    });
  }
}
