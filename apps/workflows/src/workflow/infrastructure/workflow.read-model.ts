import { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowInput } from '@mindhill/contracts';
import { activeAdminSql } from '@mindhill/persistence';
import { canSee, DomainError, isUuid, ResourceAccess, visibleTo, Who } from '@mindhill/platform';
import { Workflow, workflowAccessOf } from '../domain/workflow.state';

export type WorkflowRow = {
  id: number;
  uuid: string;
  name: string;
  description: string | null;
  status: 'active' | 'inactive' | 'archived';
  configuration: Record<string, unknown>;
  configuration_hash: string;
  schedule_cron: string | null;
  schedule_timezone: string;
  timeout_minutes: number;
  max_retries: number;
  category: string | null;
  tags: string[];
  inputs: WorkflowInput[];
  version: number;
  is_template: boolean;
  template_name: string | null;
  created_by: number | null;
  updated_by: number | null;
  parent_uuid: string | null;
  total_executions: number;
  successful_executions: number;
  failed_executions: number;
  last_execution_at: Date | null;
  average_duration_minutes: string | null;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
  is_public: boolean;
  shared_with_users: number[];
};

export const WORKFLOW_SELECT = `SELECT w.*, p.uuid AS parent_uuid FROM workflows w LEFT JOIN workflows p ON p.id = w.parent_workflow_id`;

export const workflowNotFound = (id: string) => new DomainError('WORKFLOWS.NOT_FOUND', `No workflow ${id}`, 'not-found');

export async function findWorkflow(em: EntityManager, uuid: string): Promise<WorkflowRow | null> {
  if (!isUuid(uuid)) return null;
  const [row] = await em.execute<WorkflowRow[]>(`${WORKFLOW_SELECT} WHERE w.uuid = ?`, [uuid]);
  return row ?? null;
}

export async function requireWorkflow(em: EntityManager, uuid: string): Promise<WorkflowRow> {
  const row = await findWorkflow(em, uuid);
  if (!row) throw workflowNotFound(uuid);
  return row;
}

// The access facts of a workflow row, for the access rule (templates are public to everyone).
export function workflowAccess(w: Pick<WorkflowRow, 'created_by' | 'is_public' | 'shared_with_users' | 'is_template'>): ResourceAccess {
  return workflowAccessOf({
    ownerNumber: w.created_by,
    isPublic: w.is_public,
    isTemplate: w.is_template,
    sharedWithUsers: w.shared_with_users,
  });
}

// A workflow row with its owner's current role (user_roles), as its decisions need it.
export type WorkflowStateRow = WorkflowRow & { owner_currently_admin: boolean };

export const WORKFLOW_STATE_SELECT = `SELECT w.*, p.uuid AS parent_uuid, ${activeAdminSql('w.created_by')} AS owner_currently_admin
  FROM workflows w LEFT JOIN workflows p ON p.id = w.parent_workflow_id`;

export async function findWorkflowState(
  em: EntityManager,
  where: { uuid: string } | { templateName: string },
): Promise<WorkflowStateRow | null> {
  if ('uuid' in where && !isUuid(where.uuid)) return null;
  const [row] =
    'uuid' in where
      ? await em.execute<WorkflowStateRow[]>(`${WORKFLOW_STATE_SELECT} WHERE w.uuid = ?`, [where.uuid])
      : await em.execute<WorkflowStateRow[]>(
          `${WORKFLOW_STATE_SELECT} WHERE w.is_template = true AND w.template_name = ? AND w.status <> 'archived'`,
          [where.templateName],
        );
  return row ?? null;
}

// The fields the decider's state and the API's view share, in the view's order.
function definitionOf(w: WorkflowRow) {
  return {
    id: w.uuid,
    number: w.id,
    name: w.name,
    description: w.description,
    status: w.status,
    configuration: w.configuration,
    configurationHash: w.configuration_hash,
    scheduleCron: w.schedule_cron,
    scheduleTimezone: w.schedule_timezone,
    timeoutMinutes: w.timeout_minutes,
    maxRetries: w.max_retries,
    category: w.category,
    tags: w.tags,
    inputs: w.inputs,
    version: w.version,
    isTemplate: w.is_template,
  };
}

export function toWorkflowState(w: WorkflowStateRow): Workflow {
  return {
    ...definitionOf(w),
    ownerNumber: w.created_by,
    ownerIsAdmin: w.owner_currently_admin,
    isPublic: w.is_public,
    sharedWithUsers: w.shared_with_users.map(Number),
  };
}

// The workflow if the caller may see it; otherwise it does not exist for them (404).
export function visibleWorkflow<W extends WorkflowRow>(w: W, who: Who): W {
  if (!canSee(who, workflowAccess(w))) throw workflowNotFound(w.uuid);
  return w;
}

// The workflows (alias `w`) the caller may see, as a WHERE predicate.
export const workflowsVisibleTo = (who: Who, alias = 'w') =>
  visibleTo(who, {
    owner: `${alias}.created_by`,
    isPublic: `(${alias}.is_public OR ${alias}.is_template)`,
    sharedWith: `${alias}.shared_with_users`,
  });

// The row the projector just wrote in a transaction, so the command that appended the event can
// answer without reading it back. Keyed by the transaction's entity manager: nothing outlives it.
const projected = new WeakMap<EntityManager, WorkflowRow>();

export function rememberProjectedWorkflow(em: EntityManager, row: WorkflowRow): void {
  projected.set(em, row);
}

export async function requireProjectedWorkflow(em: EntityManager, uuid: string): Promise<WorkflowRow> {
  const row = projected.get(em);
  if (row?.uuid === uuid) return row;
  return requireWorkflow(em, uuid);
}

// The API's view of a workflow.
export function toWorkflowView(w: WorkflowRow) {
  return {
    ...definitionOf(w),
    templateName: w.template_name,
    createdBy: w.created_by,
    updatedBy: w.updated_by,
    isPublic: w.is_public,
    sharedWithUsers: w.shared_with_users.map(Number),
    parentWorkflowId: w.parent_uuid,
    statistics: {
      totalExecutions: w.total_executions,
      successfulExecutions: w.successful_executions,
      failedExecutions: w.failed_executions,
      lastExecutionAt: iso(w.last_execution_at),
      averageDurationMinutes: w.average_duration_minutes === null ? null : Number(w.average_duration_minutes),
    },
    createdAt: iso(w.created_at),
    updatedAt: iso(w.updated_at),
    archivedAt: iso(w.archived_at),
  };
}

// A timestamp as the API answers it; never null when the column is not.
export function iso(value: Date | string): string;
export function iso(value: Date | string | null): string | null;
export function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
