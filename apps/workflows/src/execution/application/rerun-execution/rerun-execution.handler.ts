import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { RUN_LIMIT, RunLimit } from '../../../workflows.settings';
import { assertMayRerun, RerunSource } from '../../domain/execution-rerun';
import { executionDecider } from '../../domain/execution.decider';
import {
  appendExecutions,
  executionView,
  lockRunSlots,
  lockWorkflowToRun,
  nextExecutionNumbers,
} from '../../infrastructure/execution.store';
import {
  requireExecution,
  rerunsOf,
  stagesOf,
  toExecutionState,
  toStageResult,
  visibleExecution,
} from '../../infrastructure/execution.read-model';
import { AdmitWaitingRunsJob } from '../admit-waiting-runs/admit-waiting-runs.job';
import { RerunExecutionBody } from './rerun-execution.schema';

// Reruns a finished run that did not succeed, from its failed stage (or an earlier one), as a
// new run of the same workflow version and inputs; it waits for a slot like any start. The old
// run is only read: the link is the new run's trigger. Answers with the new run.
@Injectable()
export class RerunExecutionHandler {
  constructor(
    private readonly events: EventStore,
    private readonly admission: AdmitWaitingRunsJob,
    @Inject(RUN_LIMIT) private readonly runLimit: RunLimit,
  ) {}

  execute(executionId: string, body: RerunExecutionBody, context: EventContext) {
    return this.events.transact(async (tx) => {
      const by = context.actor;
      // Locks in the order of a start (run slots, then the workflow's row).
      const limits = { limit: this.runLimit.maxConcurrent, perUserLimit: this.runLimit.maxConcurrentPerUser };
      const runSlots = await lockRunSlots(tx, limits);
      // A run the caller may not see does not exist for them (404 before any other refusal).
      const old = visibleExecution(await requireExecution(tx.em, executionId), by);
      const workflow = await lockWorkflowToRun(tx, old.workflow_uuid, by);
      const stages = await stagesOf(tx.em, old.id);
      const source: RerunSource = {
        execution: toExecutionState(old, stages),
        configurationHash: old.configuration_hash,
        results: stages.map(toStageResult),
      };
      assertMayRerun({ by, source, workflow, fromStage: body.fromStage });
      const numbers = await nextExecutionNumbers(tx.em, workflow.number);
      const newId = randomUUID();
      const events = executionDecider.decide(null, {
        kind: 'rerun',
        by,
        source,
        workflow,
        runSlots,
        fromStage: body.fromStage,
        ...numbers,
        executionId: newId,
        priority: body.priority,
        now: new Date(),
      });
      // Sent with the next read (the slots' look of an admission, or the view).
      await appendExecutions(tx, [{ executionId: newId, version: 0, events, context }]);
      if (runSlots.waiting.length > 0) await this.admission.admitIn(tx, context);
      return { ...(await executionView(tx, newId)), reruns: await rerunsOf(tx.em, newId) };
    });
  }
}
