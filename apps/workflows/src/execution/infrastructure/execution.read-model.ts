import { EntityManager } from '@mikro-orm/postgresql';
import { RunTrigger, StageType } from '@mindhill/contracts';
import { activeAdminSql } from '@mindhill/persistence';
import { canSee, DomainError, isUuid, Who } from '@mindhill/platform';
import { iso, workflowAccess } from '../../workflow/infrastructure/workflow.read-model';
import { StageResult } from '../domain/execution-rerun';
import { Execution } from '../domain/execution.state';

export type ExecutionRow = {
  id: number;
  uuid: string;
  workflow_id: number;
  workflow_uuid: string;
  workflow_number: number;
  workflow_version: number;
  configuration_hash: string;
  run_number: number;
  status: string;
  priority: number;
  started_at: Date | null;
  completed_at: Date | null;
  deadline_at: Date | null;
  duration_minutes: string | null;
  current_stage: string | null;
  current_stage_order: number;
  current_attempt: number;
  total_stages: number;
  stages_completed: number;
  progress_percentage: string;
  content_processed: number;
  bytes_processed: string;
  error_code: string | null;
  error_message: string | null;
  retry_count: number;
  triggered_by: string;
  trigger_user_id: number | null;
  // trigger and inputs: absent on runs created before they were recorded.
  execution_context: { timeoutMinutes: number; maxRetries: number; trigger?: RunTrigger | null; inputs?: Record<string, unknown> };
  created_at: Date;
  updated_at: Date;
  // Of its workflow: an execution follows its workflow's access. owner_currently_admin: the
  // owner's role now (user_roles), read at every stage request, never the role at creation.
  created_by: number | null;
  owner_currently_admin: boolean;
  is_public: boolean;
  shared_with_users: number[];
  is_template: boolean;
};

export type StageRow = {
  id: number;
  stage_name: string;
  stage_type: StageType;
  stage_order: number;
  status: string;
  attempt: number;
  timeout_seconds: number;
  deadline_at: Date | null;
  started_at: Date | null;
  completed_at: Date | null;
  duration_seconds: number | null;
  items_to_process: number;
  items_processed: number;
  items_successful: number;
  items_failed: number;
  progress_percentage: string;
  throughput_per_second: string | null;
  stage_configuration: { settings: Record<string, unknown>; dataSourceIds: string[] };
  stage_output: Record<string, unknown> | null;
  stage_metadata: Record<string, unknown> | null;
  error_message: string | null;
  error_details: Record<string, unknown> | null;
  retry_count: number;
};

// An execution (alias e) with its workflow's (alias w) access facts; the list across workflows
// adds its own columns and WHERE to these.
export const EXECUTION_COLUMNS = `e.*, w.uuid AS workflow_uuid, w.id AS workflow_number, w.created_by, ${activeAdminSql('w.created_by')} AS owner_currently_admin, w.is_public, w.shared_with_users, w.is_template`;
export const EXECUTION_FROM = `FROM workflow_executions e JOIN workflows w ON w.id = e.workflow_id`;
export const EXECUTION_SELECT = `SELECT ${EXECUTION_COLUMNS}
  ${EXECUTION_FROM}`;

export const executionNotFound = (id: string) => new DomainError('WORKFLOWS.EXECUTION_NOT_FOUND', `No execution ${id}`, 'not-found');

export async function findExecution(em: EntityManager, uuid: string): Promise<ExecutionRow | null> {
  if (!isUuid(uuid)) return null;
  const [row] = await em.execute<ExecutionRow[]>(`${EXECUTION_SELECT} WHERE e.uuid = ?`, [uuid]);
  return row ?? null;
}

export async function requireExecution(em: EntityManager, uuid: string): Promise<ExecutionRow> {
  const row = await findExecution(em, uuid);
  if (!row) throw executionNotFound(uuid);
  return row;
}

// The execution if the caller may see its workflow; otherwise it does not exist for them.
export function visibleExecution(e: ExecutionRow, who: Who): ExecutionRow {
  if (!canSee(who, workflowAccess(e))) throw executionNotFound(e.uuid);
  return e;
}

// What a decision reads of an execution's stages (toExecutionState).
export type StageStateRow = Pick<
  StageRow,
  'stage_order' | 'stage_name' | 'stage_type' | 'status' | 'timeout_seconds' | 'stage_configuration' | 'stage_metadata'
>;

const DECISION_STAGES = `(SELECT COALESCE(json_agg(json_build_object('stage_order', s.stage_order, 'stage_name', s.stage_name,
                      'stage_type', s.stage_type, 'status', s.status, 'timeout_seconds', s.timeout_seconds,
                      'stage_configuration', s.stage_configuration, 'stage_metadata', s.stage_metadata)
                      ORDER BY s.stage_order), '[]'::json)
               FROM execution_stages s WHERE s.execution_id = e.id)`;

// An execution, the stage fields its decisions read and its stream's version, in one statement:
// one round trip instead of three on every decision, and one snapshot, so the version is the
// one the rows were projected at (a change committed after it fails the append, which runs again).
export async function findExecutionForDecision(
  em: EntityManager,
  uuid: string,
  streamId: string,
): Promise<{ version: number; row: ExecutionRow | null; stages: StageStateRow[] }> {
  if (!isUuid(uuid)) return { version: 0, row: null, stages: [] };
  const [found] = await em.execute<(ExecutionRow & { stream_version: number | null; decision_stages: StageStateRow[] })[]>(
    `SELECT ${EXECUTION_COLUMNS},
            (SELECT max(version) FROM stored_event WHERE stream_id = ?) AS stream_version,
            ${DECISION_STAGES} AS decision_stages
       ${EXECUTION_FROM} WHERE e.uuid = ?`,
    [streamId, uuid],
  );
  if (!found) return { version: 0, row: null, stages: [] };
  const { stream_version, decision_stages, ...row } = found;
  return { version: Number(stream_version ?? 0), row: row as ExecutionRow, stages: decision_stages };
}

// The same for several executions (by uuid) in one statement, through the transaction's
// execute (EventTransaction): what it holds back is sent first. Keyed by lower-case uuid.
export async function findExecutionsForDecision(
  tx: { execute<T>(sql: string, params?: readonly unknown[]): Promise<T[]> },
  uuids: readonly string[],
): Promise<Map<string, { version: number; row: ExecutionRow; stages: StageStateRow[] }>> {
  const valid = [...new Set(uuids.filter(isUuid).map((u) => u.toLowerCase()))];
  const found = new Map<string, { version: number; row: ExecutionRow; stages: StageStateRow[] }>();
  if (valid.length === 0) return found;
  const rows = await tx.execute<ExecutionRow & { stream_version: number | null; decision_stages: StageStateRow[] }>(
    `SELECT ${EXECUTION_COLUMNS},
            (SELECT max(version) FROM stored_event WHERE stream_id = 'execution-' || e.uuid::text) AS stream_version,
            ${DECISION_STAGES} AS decision_stages
       ${EXECUTION_FROM} WHERE e.uuid IN (?)`,
    [valid],
  );
  for (const { stream_version, decision_stages, ...row } of rows) {
    found.set(String(row.uuid).toLowerCase(), { version: Number(stream_version ?? 0), row: row as ExecutionRow, stages: decision_stages });
  }
  return found;
}

export async function stagesOf(em: EntityManager, executionId: number): Promise<StageRow[]> {
  return em.execute<StageRow[]>('SELECT * FROM execution_stages WHERE execution_id = ? ORDER BY stage_order', [executionId]);
}

export async function listExecutions(em: EntityManager, workflowId: number, limit: number, beforeRun?: number): Promise<ExecutionRow[]> {
  return em.execute<ExecutionRow[]>(
    `${EXECUTION_SELECT} WHERE e.workflow_id = ? ${beforeRun ? 'AND e.run_number < ?' : ''} ORDER BY e.run_number DESC LIMIT ?`,
    beforeRun ? [workflowId, beforeRun, limit] : [workflowId, limit],
  );
}

// The execution as the orchestrator's decisions see it.
export function toExecutionState(e: ExecutionRow, stages: StageStateRow[]): Execution {
  return {
    id: e.uuid,
    number: e.id,
    workflowId: e.workflow_uuid,
    workflowNumber: e.workflow_number,
    workflowVersion: e.workflow_version,
    runNumber: e.run_number,
    status: e.status,
    startedAt: iso(e.started_at),
    currentStageOrder: e.current_stage_order,
    currentAttempt: e.current_attempt,
    totalStages: e.total_stages,
    stagesCompleted: e.stages_completed,
    contentProcessed: e.content_processed,
    bytesProcessed: Number(e.bytes_processed),
    timeoutMinutes: e.execution_context.timeoutMinutes,
    maxRetries: e.execution_context.maxRetries,
    triggerUserNumber: e.trigger_user_id,
    inputs: e.execution_context.inputs ?? {},
    access: workflowAccess(e),
    ownerNumber: e.created_by,
    ownerIsAdmin: e.owner_currently_admin,
    stages: stages.map((s) => ({
      order: s.stage_order,
      name: s.stage_name,
      type: s.stage_type,
      status: s.status,
      timeoutSeconds: s.timeout_seconds,
      settings: s.stage_configuration.settings,
      dataSourceIds: s.stage_configuration.dataSourceIds,
      carriedOverFrom: carriedOverFrom(s),
    })),
  };
}

export function toExecutionView(e: ExecutionRow, stages?: StageRow[]) {
  return {
    id: e.uuid,
    number: e.id,
    workflowId: e.workflow_uuid,
    workflowVersion: e.workflow_version,
    configurationHash: e.configuration_hash,
    runNumber: e.run_number,
    status: e.status,
    priority: e.priority,
    triggeredBy: e.triggered_by,
    triggerUserId: e.trigger_user_id,
    trigger: e.execution_context.trigger ?? null,
    rerunOf: e.execution_context.trigger?.kind === 'rerun' ? e.execution_context.trigger.executionId : null,
    inputs: e.execution_context.inputs ?? {},
    startedAt: iso(e.started_at),
    completedAt: iso(e.completed_at),
    deadlineAt: iso(e.deadline_at),
    durationMinutes: e.duration_minutes === null ? null : Number(e.duration_minutes),
    currentStage: e.current_stage,
    currentStageOrder: e.current_stage_order,
    totalStages: e.total_stages,
    stagesCompleted: e.stages_completed,
    progressPercentage: Number(e.progress_percentage),
    contentProcessed: e.content_processed,
    bytesProcessed: Number(e.bytes_processed),
    errorCode: e.error_code,
    errorMessage: e.error_message,
    retryCount: e.retry_count,
    createdAt: iso(e.created_at),
    updatedAt: iso(e.updated_at),
    ...(stages ? { stages: stages.map(toStageView) } : {}),
  };
}

const carriedOverFrom = (s: Pick<StageRow, 'stage_metadata'>) =>
  typeof s.stage_metadata?.carriedOverFrom === 'string' ? s.stage_metadata.carriedOverFrom : null;

// What a rerun carries over from a stage: its counters and output as the row shows them.
export function toStageResult(s: StageRow): StageResult {
  const meta = s.stage_metadata ?? {};
  return {
    order: s.stage_order,
    itemsTotal: s.items_to_process,
    itemsProcessed: s.items_processed,
    itemsSuccessful: s.items_successful,
    itemsFailed: s.items_failed,
    bytesProcessed: Number(meta.bytesProcessed ?? 0),
    durationSeconds: s.duration_seconds,
    output: s.stage_output,
    historyId: typeof meta.historyId === 'string' ? meta.historyId : null,
    completedAt: iso(s.completed_at),
  };
}

// The reruns of an execution, oldest first (found by their trigger, idx_executions_rerun_of).
export async function rerunsOf(em: EntityManager, executionId: string) {
  const rows = await em.execute<{ uuid: string; run_number: number; status: string; from_stage: string; created_at: Date }[]>(
    `SELECT uuid, run_number, status, execution_context #>> '{trigger,fromStage}' AS from_stage, created_at FROM workflow_executions
      WHERE execution_context #>> '{trigger,kind}' = 'rerun' AND execution_context #>> '{trigger,executionId}' = ? ORDER BY id`,
    [executionId],
  );
  return rows.map((r) => ({
    id: r.uuid,
    runNumber: r.run_number,
    status: r.status,
    fromStage: Number(r.from_stage),
    createdAt: iso(r.created_at),
  }));
}

function toStageView(s: StageRow) {
  return {
    order: s.stage_order,
    name: s.stage_name,
    type: s.stage_type,
    status: s.status,
    attempt: s.attempt,
    timeoutSeconds: s.timeout_seconds,
    startedAt: iso(s.started_at),
    completedAt: iso(s.completed_at),
    durationSeconds: s.duration_seconds,
    itemsToProcess: s.items_to_process,
    itemsProcessed: s.items_processed,
    itemsSuccessful: s.items_successful,
    itemsFailed: s.items_failed,
    progressPercentage: Number(s.progress_percentage),
    throughputPerSecond: s.throughput_per_second === null ? null : Number(s.throughput_per_second),
    output: s.stage_output,
    errorMessage: s.error_message,
    errorDetails: s.error_details,
    retryCount: s.retry_count,
    carriedOverFrom: carriedOverFrom(s),
  };
}
