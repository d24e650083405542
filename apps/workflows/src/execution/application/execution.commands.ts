import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  EventEnvelope,
  executionCreated,
  executionFinished,
  executionStageCompleted,
  executionStageFailed,
  executionStageProgressed,
  executionStageRequested,
  executionStarted,
  ingestionStage,
  processingStage,
  StageType,
} from '@mindhill/contracts';
import {
  cancelJobs,
  claimInbox,
  completeJob,
  enqueueJob,
  EventContext,
  EventStore,
  EventTransaction,
  newEvent,
  ownerIsActiveAdmin,
} from '@mindhill/persistence';
import { DomainError, assertCanChangeResource } from '@mindhill/platform';
import { parseConfiguration } from '../../workflow/domain/workflow-definition';
import { rescheduleWorkflow, SCHEDULE_TICK, ScheduleTick } from '../../schedule/workflow-scheduler';
import { requireWorkflow, visibleWorkflow, workflowAccess } from '../../workflow/infrastructure/workflow.read-model';
import { decideRunStart } from '../domain/run-slots';
import { durationMinutes, executionProgress, isTerminal, retryDelayMs, RetryPolicy, shouldRetry } from '../domain/execution-policy';
import {
  ExecutionRow,
  requireExecution,
  StageRow,
  stagesOf,
  toExecutionView,
  visibleExecution,
} from '../infrastructure/execution.read-model';

export const RETRY_POLICY = Symbol('RETRY_POLICY');
export const RUN_LIMIT = Symbol('RUN_LIMIT');
// How many runs may be in progress at once, overall and per user, and how often a schedule may
// fire; read at every start (they follow live settings).
export type RunLimit = {
  readonly maxConcurrent: number;
  readonly maxConcurrentPerUser: number;
  readonly minScheduleIntervalSeconds: number;
};
export const STAGE_OUTCOME_CONSUMER = 'workflows.stage-outcomes';
export const executionStreamId = (uuid: string) => `execution-${uuid}`;
export const JOB_KINDS = {
  retry: 'retry-stage',
  stageTimeout: 'stage-timeout',
  runTimeout: 'run-timeout',
  scheduleTick: SCHEDULE_TICK,
} as const;

type StageJob = { executionId: string; stageOrder: number; attempt: number };

// The orchestrator: starts runs, reacts to the workers' stage outcomes, retries, times out and
// cancels. Each decision is one transaction on the execution stream.
@Injectable()
export class ExecutionCommands {
  constructor(
    private readonly events: EventStore,
    @Inject(RETRY_POLICY) private readonly retryPolicy: RetryPolicy,
    @Inject(RUN_LIMIT) private readonly runLimit: RunLimit,
  ) {}

  async trigger(workflowId: string, body: { triggeredBy: 'manual' | 'api'; priority: number }, context: EventContext) {
    return this.events.transact((tx) => this.startIn(tx, workflowId, body, context));
  }

  // Job: a schedule's time has come. The run, the job's completion and the next tick commit
  // together. A tick whose schedule changed meanwhile (cron, zone, status) does nothing: the
  // change already scheduled its own tick.
  async triggerScheduled(tick: ScheduleTick, jobId: string, context: EventContext): Promise<void> {
    await this.events.transact(async (tx) => {
      await completeJob(tx.em, jobId);
      const workflow = await requireWorkflow(tx.em, tick.workflowId).catch(() => null);
      if (!workflow || workflow.status !== 'active' || workflow.schedule_cron !== tick.cron || workflow.schedule_timezone !== tick.timezone)
        return;
      await this.startIn(tx, tick.workflowId, { triggeredBy: 'schedule', priority: 0 }, context);
      // A schedule saved before the platform minimum existed (or before it was raised) still
      // fires no more often than min_schedule_interval_seconds.
      const minIntervalMs = this.runLimit.minScheduleIntervalSeconds * 1000;
      await rescheduleWorkflow(tx.em, workflow, new Date(Math.max(Date.now(), Date.parse(tick.fireAt) + minIntervalMs - 1000)));
    });
  }

  private async startIn(
    tx: EventTransaction,
    workflowId: string,
    body: { triggeredBy: 'manual' | 'api' | 'schedule'; priority: number },
    context: EventContext,
  ) {
    // Serialises run numbers per workflow.
    await tx.em.execute('SELECT id FROM workflows WHERE uuid = ? FOR UPDATE', [workflowId]);
    const workflow = visibleWorkflow(await requireWorkflow(tx.em, workflowId), context.actor);
    if (workflow.is_template)
      throw new DomainError('WORKFLOWS.IS_TEMPLATE', 'A template cannot run: create a workflow from it', 'conflict');
    // Running reads the owner's data sources: the owner or an admin.
    assertCanChangeResource(context.actor, workflowAccess(workflow), 'workflow');
    if (workflow.status !== 'active')
      throw new DomainError('WORKFLOWS.NOT_ACTIVE', `Workflow ${workflowId} is ${workflow.status}: activate it first`, 'conflict');
    const configuration = parseConfiguration(workflow.configuration, { template: false });
    // The run is charged to whoever starts it; a scheduled run to the workflow's owner.
    await this.takeRunSlot(tx, context.actor.userNumber ?? workflow.created_by ?? null);
    const [{ next }] = (await tx.em.execute<{ next: number }[]>(
      'SELECT COALESCE(max(run_number), 0) + 1 AS next FROM workflow_executions WHERE workflow_id = ?',
      [workflow.id],
    )) as [{ next: number }];
    const [{ id }] = (await tx.em.execute<{ id: string }[]>(`SELECT nextval('workflow_executions_id_seq') AS id`)) as [{ id: string }];
    const executionId = randomUUID();
    const now = new Date();
    const stages = configuration.stages.map((s, i) => ({
      order: i + 1,
      name: s.name,
      type: s.type,
      timeoutSeconds: s.timeoutSeconds,
      settings: s.settings as Record<string, unknown>,
      dataSourceIds: s.type === 'fetching' ? s.dataSources : [],
    }));
    const runDeadline = new Date(now.getTime() + workflow.timeout_minutes * 60_000);
    const created = {
      executionId,
      executionNumber: Number(id),
      workflowId,
      workflowNumber: workflow.id,
      workflowName: workflow.name,
      workflowVersion: workflow.version,
      configurationHash: workflow.configuration_hash,
      runNumber: Number(next),
      triggeredBy: body.triggeredBy,
      triggerUserNumber: context.actor.userNumber,
      timeoutMinutes: workflow.timeout_minutes,
      maxRetries: workflow.max_retries,
      stages,
      createdAt: now.toISOString(),
    };
    // The owner's privilege is their role now, not when the workflow was created.
    const owner = { workflowOwnerNumber: workflow.created_by, workflowOwnerIsAdmin: await ownerIsActiveAdmin(tx.em, workflow.created_by) };
    await tx.append(
      executionStreamId(executionId),
      0,
      [
        newEvent(executionCreated, created),
        newEvent(executionStarted, { executionId, workflowId, startedAt: now.toISOString(), deadlineAt: runDeadline.toISOString() }),
        this.stageRequest({ ...created, ...owner }, stages[0]!, 1, 0, null, now),
      ],
      context,
    );
    await enqueueJob(tx.em, {
      key: `exec:${executionId}:run-timeout`,
      kind: JOB_KINDS.runTimeout,
      payload: { executionId },
      runAfter: runDeadline,
    });
    await this.scheduleStageTimeout(tx, { executionId, stageOrder: 1, attempt: 1 }, stages[0]!.timeoutSeconds, now);
    const row = await requireExecution(tx.em, executionId);
    return toExecutionView(row, await stagesOf(tx.em, row.id));
  }

  // max_concurrent_workflows and max_concurrent_workflows_per_user. Starts take a
  // transaction-scoped lock so two of them cannot both take the last slot. A refused schedule
  // tick stays in the job queue and is tried again.
  private async takeRunSlot(tx: EventTransaction, holder: number | null): Promise<void> {
    await tx.em.execute(`SELECT pg_advisory_xact_lock(hashtext('mindhill.workflows.run-slots'))`);
    const [{ running, held }] = (await tx.em.execute<{ running: number; held: number }[]>(
      `SELECT count(*)::int AS running,
              count(*) FILTER (WHERE COALESCE(e.trigger_user_id, w.created_by) = ?)::int AS held
       FROM workflow_executions e JOIN workflows w ON w.id = e.workflow_id
       WHERE e.status IN ('Created', 'InProgress')`,
      [holder],
    )) as [{ running: number; held: number }];
    const refusal = decideRunStart({
      running,
      limit: this.runLimit.maxConcurrent,
      holder,
      heldByHolder: held,
      perUserLimit: this.runLimit.maxConcurrentPerUser,
    });
    if (refusal) throw refusal;
  }

  async cancel(executionId: string, context: EventContext) {
    return this.events.transact(async (tx) => {
      const version = await tx.streamVersion(executionStreamId(executionId));
      const execution = visibleExecution(await requireExecution(tx.em, executionId), context.actor);
      assertCanChangeResource(context.actor, workflowAccess(execution), 'workflow');
      if (isTerminal(execution.status)) {
        throw new DomainError('WORKFLOWS.EXECUTION_FINISHED', `Execution ${executionId} already ended (${execution.status})`, 'conflict');
      }
      await this.finish(tx, execution, version, 'Cancelled', null, 'Cancelled by request', context, context.actor.userNumber);
      const row = await requireExecution(tx.em, executionId);
      return toExecutionView(row, await stagesOf(tx.em, row.id));
    });
  }

  // A worker's answer. Anything that does not match the stage attempt in progress (a late answer
  // after a retry, a cancel or a timeout) is recorded in the inbox and otherwise ignored.
  async onStageOutcome(event: EventEnvelope<Record<string, unknown>>): Promise<{ duplicates: number }> {
    const ref = event.payload as StageJob;
    const context: EventContext = { correlationId: event.correlationId, causationId: event.eventId, actor: event.actor };
    return this.events.transact(async (tx) => {
      if (!(await claimInbox(tx.em, STAGE_OUTCOME_CONSUMER, event.eventId))) return { duplicates: 1 };
      const version = await tx.streamVersion(executionStreamId(ref.executionId));
      const execution = await requireExecution(tx.em, ref.executionId).catch(() => null);
      if (!execution) return { duplicates: 0 };
      const stages = await stagesOf(tx.em, execution.id);
      const stage = stages.find((s) => s.stage_order === ref.stageOrder);
      const current =
        execution.status === 'InProgress' &&
        execution.current_stage_order === ref.stageOrder &&
        execution.current_attempt === ref.attempt &&
        stage?.status === 'InProgress';
      if (!current || !stage) return { duplicates: 0 };

      if (event.type === ingestionStage.progressed.type || event.type === processingStage.progressed.type) {
        const p = event.payload as { itemsTotal: number; itemsProcessed: number; bytesProcessed: number };
        await tx.append(
          executionStreamId(ref.executionId),
          version,
          [
            newEvent(executionStageProgressed, {
              ...ref,
              workflowId: execution.workflow_uuid,
              itemsTotal: p.itemsTotal,
              itemsProcessed: p.itemsProcessed,
              bytesProcessed: p.bytesProcessed,
              progressPercentage: executionProgress(
                execution.stages_completed,
                execution.total_stages,
                p.itemsTotal > 0 ? p.itemsProcessed / p.itemsTotal : 0,
              ),
            }),
          ],
          context,
        );
      } else if (event.type === ingestionStage.completed.type || event.type === processingStage.completed.type) {
        await this.onCompleted(tx, execution, stages, stage, version, event.payload as never, context);
      } else if (event.type === ingestionStage.failed.type || event.type === processingStage.failed.type) {
        await this.onFailed(tx, execution, stage, version, event.payload as never, context);
      }
      return { duplicates: 0 };
    });
  }

  private async onCompleted(
    tx: EventTransaction,
    execution: ExecutionRow,
    stages: StageRow[],
    stage: StageRow,
    version: number,
    p: {
      itemsTotal: number;
      itemsProcessed: number;
      itemsSuccessful: number;
      itemsFailed: number;
      bytesProcessed: number;
      contentCount: number;
      durationMs: number;
      output: Record<string, unknown>;
      historyId: string | null;
      stageOrder: number;
      attempt: number;
    },
    context: EventContext,
  ) {
    const now = new Date();
    const stagesCompleted = execution.stages_completed + 1;
    const events = [
      newEvent(executionStageCompleted, {
        executionId: execution.uuid,
        workflowId: execution.workflow_uuid,
        stageOrder: p.stageOrder,
        attempt: p.attempt,
        stageType: stage.stage_type as StageType,
        itemsTotal: p.itemsTotal,
        itemsProcessed: p.itemsProcessed,
        itemsSuccessful: p.itemsSuccessful,
        itemsFailed: p.itemsFailed,
        bytesProcessed: p.bytesProcessed,
        contentCount: p.contentCount,
        durationMs: p.durationMs,
        output: p.output,
        historyId: p.historyId,
        completedAt: now.toISOString(),
        stagesCompleted,
        progressPercentage: executionProgress(stagesCompleted, execution.total_stages),
      }),
    ];
    const next = stages.find((s) => s.stage_order === stage.stage_order + 1);
    if (!next) {
      await tx.append(executionStreamId(execution.uuid), version, events, context);
      await this.finish(tx, execution, version + events.length, 'Success', null, null, context, null, {
        stagesCompleted,
        contentProcessed: Math.max(execution.content_processed, p.contentCount),
        bytesProcessed: Number(execution.bytes_processed) + p.bytesProcessed,
      });
      return;
    }
    events.push(this.stageRequest(runFacts(execution), toStageSpec(next), 1, p.contentCount, stage.stage_type as StageType, now));
    await tx.append(executionStreamId(execution.uuid), version, events, context);
    await this.scheduleStageTimeout(
      tx,
      { executionId: execution.uuid, stageOrder: next.stage_order, attempt: 1 },
      next.timeout_seconds,
      now,
    );
  }

  private async onFailed(
    tx: EventTransaction,
    execution: ExecutionRow,
    stage: StageRow,
    version: number,
    p: {
      errorCode: string;
      errorMessage: string;
      retriable: boolean;
      details: Record<string, unknown>;
      stageOrder: number;
      attempt: number;
    },
    context: EventContext,
  ) {
    const now = new Date();
    const retry = shouldRetry({ retriable: p.retriable, failedAttempt: p.attempt, maxRetries: execution.execution_context.maxRetries });
    const retryAt = retry ? new Date(now.getTime() + retryDelayMs(p.attempt, this.retryPolicy)) : null;
    await tx.append(
      executionStreamId(execution.uuid),
      version,
      [
        newEvent(executionStageFailed, {
          executionId: execution.uuid,
          workflowId: execution.workflow_uuid,
          stageOrder: p.stageOrder,
          attempt: p.attempt,
          stageType: stage.stage_type as StageType,
          errorCode: p.errorCode,
          errorMessage: p.errorMessage,
          retriable: p.retriable,
          retryAt: retryAt?.toISOString() ?? null,
          failedAt: now.toISOString(),
          details: p.details,
        }),
      ],
      context,
    );
    if (retryAt) {
      const job: StageJob = { executionId: execution.uuid, stageOrder: p.stageOrder, attempt: p.attempt + 1 };
      await enqueueJob(tx.em, {
        key: `exec:${execution.uuid}:retry:${job.stageOrder}:${job.attempt}`,
        kind: JOB_KINDS.retry,
        payload: job,
        runAfter: retryAt,
      });
      return;
    }
    const attempts = p.attempt > 1 ? ` after ${p.attempt} attempts` : '';
    await this.finish(
      tx,
      execution,
      version + 1,
      'Failed',
      p.errorCode,
      `Stage "${stage.stage_name}" failed${attempts}: ${p.errorMessage}`,
      context,
      null,
    );
  }

  // Job: the backoff of a failed stage is over; request the next attempt if nothing else happened.
  // jobId: the job this decision completes, in the same transaction.
  async retryStage(job: StageJob, context: EventContext, jobId: string): Promise<void> {
    await this.events.transact(async (tx) => {
      await completeJob(tx.em, jobId);
      const version = await tx.streamVersion(executionStreamId(job.executionId));
      const execution = await requireExecution(tx.em, job.executionId);
      const stage = (await stagesOf(tx.em, execution.id)).find((s) => s.stage_order === job.stageOrder);
      if (execution.status !== 'InProgress' || !stage || stage.status !== 'Failed' || execution.current_attempt !== job.attempt - 1) return;
      const now = new Date();
      const [{ count }] = (await tx.em.execute<{ count: number }[]>(
        `SELECT COALESCE(max(content_processed), 0) AS count FROM workflow_executions WHERE id = ?`,
        [execution.id],
      )) as [{ count: number }];
      const previous = (await stagesOf(tx.em, execution.id)).find((s) => s.stage_order === job.stageOrder - 1);
      await tx.append(
        executionStreamId(job.executionId),
        version,
        [
          this.stageRequest(
            runFacts(execution),
            toStageSpec(stage),
            job.attempt,
            Number(count),
            (previous?.stage_type as StageType) ?? null,
            now,
          ),
        ],
        context,
      );
      await this.scheduleStageTimeout(tx, job, stage.timeout_seconds, now);
    });
  }

  // Job: a stage attempt's deadline passed. If it is still the attempt in progress, the run ends.
  async stageTimedOut(job: StageJob, context: EventContext, jobId: string): Promise<void> {
    await this.events.transact(async (tx) => {
      await completeJob(tx.em, jobId);
      const version = await tx.streamVersion(executionStreamId(job.executionId));
      const execution = await requireExecution(tx.em, job.executionId);
      const stage = (await stagesOf(tx.em, execution.id)).find((s) => s.stage_order === job.stageOrder);
      if (
        execution.status !== 'InProgress' ||
        execution.current_stage_order !== job.stageOrder ||
        execution.current_attempt !== job.attempt ||
        stage?.status !== 'InProgress'
      )
        return;
      await this.finish(
        tx,
        execution,
        version,
        'Timeout',
        'WORKFLOWS.STAGE_TIMEOUT',
        `Stage "${stage.stage_name}" did not finish within ${stage.timeout_seconds} s`,
        context,
        null,
      );
    });
  }

  // Job: the whole run's deadline (timeout_minutes) passed.
  async runTimedOut(executionId: string, context: EventContext, jobId: string): Promise<void> {
    await this.events.transact(async (tx) => {
      await completeJob(tx.em, jobId);
      const version = await tx.streamVersion(executionStreamId(executionId));
      const execution = await requireExecution(tx.em, executionId);
      if (isTerminal(execution.status)) return;
      await this.finish(
        tx,
        execution,
        version,
        'Timeout',
        'WORKFLOWS.RUN_TIMEOUT',
        `The run did not finish within ${execution.execution_context.timeoutMinutes} min`,
        context,
        null,
      );
    });
  }

  private async finish(
    tx: EventTransaction,
    execution: ExecutionRow,
    version: number,
    status: 'Success' | 'Failed' | 'Cancelled' | 'Timeout',
    errorCode: string | null,
    errorMessage: string | null,
    context: EventContext,
    cancelledBy: number | null,
    totals?: { stagesCompleted: number; contentProcessed: number; bytesProcessed: number },
  ) {
    const completedAt = new Date().toISOString();
    await tx.append(
      executionStreamId(execution.uuid),
      version,
      [
        newEvent(executionFinished, {
          executionId: execution.uuid,
          workflowId: execution.workflow_uuid,
          workflowNumber: execution.workflow_number,
          runNumber: execution.run_number,
          status,
          errorCode,
          errorMessage,
          startedAt: execution.started_at ? new Date(execution.started_at).toISOString() : null,
          completedAt,
          durationMinutes: durationMinutes(execution.started_at, completedAt),
          contentProcessed: totals?.contentProcessed ?? execution.content_processed,
          bytesProcessed: totals?.bytesProcessed ?? Number(execution.bytes_processed),
          stagesCompleted: totals?.stagesCompleted ?? execution.stages_completed,
          cancelledBy,
        }),
      ],
      context,
    );
    // Nothing of this run is left to wake up (retries, timeouts).
    await cancelJobs(tx.em, `exec:${execution.uuid}:`);
  }

  private stageRequest(
    created: {
      executionId: string;
      executionNumber: number;
      workflowId: string;
      workflowVersion: number;
      triggerUserNumber: number | null;
      workflowOwnerNumber: number | null;
      workflowOwnerIsAdmin: boolean;
    },
    stage: StageSpec,
    attempt: number,
    expectedContentCount: number,
    previousStageType: StageType | null,
    now: Date,
  ) {
    return newEvent(executionStageRequested, {
      executionId: created.executionId,
      workflowId: created.workflowId,
      workflowVersion: created.workflowVersion,
      executionNumber: created.executionNumber,
      stageOrder: stage.order,
      attempt,
      stageName: stage.name,
      stageType: stage.type,
      settings: stage.settings,
      dataSourceIds: stage.dataSourceIds,
      input: { expectedContentCount, previousStageType },
      triggeredByUserNumber: created.triggerUserNumber,
      workflowOwnerNumber: created.workflowOwnerNumber,
      workflowOwnerIsAdmin: created.workflowOwnerIsAdmin,
      deadlineAt: new Date(now.getTime() + stage.timeoutSeconds * 1000).toISOString(),
    });
  }

  private async scheduleStageTimeout(tx: EventTransaction, job: StageJob, timeoutSeconds: number, now: Date) {
    await enqueueJob(tx.em, {
      key: `exec:${job.executionId}:timeout:${job.stageOrder}:${job.attempt}`,
      kind: JOB_KINDS.stageTimeout,
      payload: job,
      runAfter: new Date(now.getTime() + timeoutSeconds * 1000),
    });
  }
}

// What a stage request repeats from the run it belongs to.
function runFacts(execution: ExecutionRow) {
  return {
    executionId: execution.uuid,
    executionNumber: execution.id,
    workflowId: execution.workflow_uuid,
    workflowVersion: execution.workflow_version,
    triggerUserNumber: execution.trigger_user_id,
    workflowOwnerNumber: execution.created_by,
    workflowOwnerIsAdmin: execution.owner_currently_admin,
  };
}

type StageSpec = {
  order: number;
  name: string;
  type: StageType;
  timeoutSeconds: number;
  settings: Record<string, unknown>;
  dataSourceIds: string[];
};

function toStageSpec(s: StageRow): StageSpec {
  return {
    order: s.stage_order,
    name: s.stage_name,
    type: s.stage_type as StageType,
    timeoutSeconds: s.timeout_seconds,
    settings: s.stage_configuration.settings,
    dataSourceIds: s.stage_configuration.dataSourceIds,
  };
}
