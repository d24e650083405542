import { EntityManager } from '@mikro-orm/postgresql';
import {
  EventEnvelope,
  StoredPayload,
  workflowCreated,
  workflowSharingChanged,
  workflowStatusChanged,
  workflowUpdated,
} from '@mindhill/contracts';
import { pgIntArray, pgTextArray, Projector } from '@mindhill/persistence';
import { rememberProjectedWorkflow, WorkflowRow } from './workflow.read-model';

type Created = StoredPayload<typeof workflowCreated>;
type Updated = StoredPayload<typeof workflowUpdated>;
type StatusChanged = StoredPayload<typeof workflowStatusChanged>;
type SharingChanged = StoredPayload<typeof workflowSharingChanged>;

const DEFINITION_COLUMNS: Record<string, string> = {
  name: 'name',
  description: 'description',
  configuration: 'configuration',
  scheduleCron: 'schedule_cron',
  scheduleTimezone: 'schedule_timezone',
  timeoutMinutes: 'timeout_minutes',
  maxRetries: 'max_retries',
  category: 'category',
  tags: 'tags',
  inputs: 'inputs',
};

// `workflows` and its immutable `workflow_versions`, from the workflow stream only (the
// execution statistics on `workflows` are kept by the execution projector).
export const workflowProjector: Projector = {
  name: 'workflows',
  handles: [workflowCreated.type, workflowUpdated.type, workflowStatusChanged.type, workflowSharingChanged.type],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    const at = event.occurredAt;
    if (event.type === workflowCreated.type) {
      const p = event.payload as Created;
      // The workflow and its first version in one statement, which also returns the new row as
      // WORKFLOW_SELECT reads it (the command answers with it: two round trips per create less).
      const [row] = await em.execute<WorkflowRow[]>(
        `WITH created AS (
           INSERT INTO workflows (id, uuid, name, description, status, configuration, configuration_hash, schedule_cron, schedule_timezone, timeout_minutes,
             max_retries, category, tags, version, is_template, template_name, created_by, updated_by, parent_workflow_id, created_at, updated_at,
             is_public, shared_with_users, owner_is_admin, inputs)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, (SELECT id FROM workflows WHERE uuid = ?), ?, ?, ?, ?::int[], ?, ?)
           RETURNING *
         ), first_version AS (
           INSERT INTO workflow_versions (workflow_id, version, definition, configuration_hash, created_by, created_at)
             SELECT id, 1, ?, ?, ?, ? FROM created
         )
         SELECT created.*, (SELECT p.uuid FROM workflows p WHERE p.id = created.parent_workflow_id) AS parent_uuid FROM created`,
        [
          p.workflowNumber,
          p.workflowId,
          p.name,
          p.description,
          p.status,
          JSON.stringify(p.configuration),
          p.configurationHash,
          p.scheduleCron,
          p.scheduleTimezone,
          p.timeoutMinutes,
          p.maxRetries,
          p.category,
          pgTextArray(p.tags),
          p.isTemplate,
          p.templateName,
          p.createdBy,
          p.createdBy,
          p.parentWorkflowId,
          at,
          at,
          p.isPublic ?? false,
          pgIntArray(p.sharedWithUsers ?? []),
          ownerIsAdmin(event),
          JSON.stringify(p.inputs ?? []),
          JSON.stringify(definitionOf(p)),
          p.configurationHash,
          p.createdBy,
          at,
        ],
      );
      if (row) rememberProjectedWorkflow(em, row);
      return;
    }
    if (event.type === workflowUpdated.type) {
      const p = event.payload as Updated;
      const sets: string[] = [];
      const params: unknown[] = [];
      for (const [field, value] of Object.entries(p.changes)) {
        const column = DEFINITION_COLUMNS[field];
        if (!column) continue;
        sets.push(`${column} = ?`);
        params.push(
          field === 'configuration' || field === 'inputs'
            ? JSON.stringify(value)
            : field === 'tags'
              ? pgTextArray(value as string[])
              : value,
        );
      }
      const [row] = await em.execute<{ id: number }[]>(
        `UPDATE workflows SET ${[...sets, 'configuration_hash = ?', 'version = ?', 'updated_by = ?', 'updated_at = ?'].join(', ')} WHERE uuid = ? RETURNING id`,
        [...params, p.configurationHash, p.version, p.updatedBy, at, p.workflowId],
      );
      const [previous] = await em.execute<{ definition: Record<string, unknown> }[]>(
        'SELECT definition FROM workflow_versions WHERE workflow_id = ? AND version = ?',
        [row!.id, p.version - 1],
      );
      await insertVersion(em, row!.id, p.version, { ...previous!.definition, ...p.changes }, p.configurationHash, p.updatedBy, at);
      return;
    }
    if (event.type === workflowSharingChanged.type) {
      const p = event.payload as SharingChanged;
      await em.execute(
        'UPDATE workflows SET is_public = ?, shared_with_users = ?::int[], updated_by = ?, updated_at = ? WHERE uuid = ?',
        [p.isPublic, pgIntArray(p.sharedWithUsers), p.changedBy, at, p.workflowId],
        'run',
      );
      return;
    }
    if (event.type === workflowStatusChanged.type) {
      const p = event.payload as StatusChanged;
      await em.execute(
        `UPDATE workflows SET status = ?, updated_by = ?, updated_at = ?, archived_at = CASE WHEN ? = 'archived' THEN ?::timestamptz ELSE archived_at END WHERE uuid = ?`,
        [p.to, p.changedBy, at, p.to, at, p.workflowId],
        'run',
      );
    }
  },
};

// The creator's role when the workflow was created: kept in workflows.owner_is_admin for history
// only. It grants nothing: the owner's privilege is their current role (user_roles).
export function ownerIsAdmin(event: Pick<EventEnvelope, 'actor'>): boolean {
  return event.actor.role === 'admin' || event.actor.role === 'system';
}

function definitionOf(p: Created): Record<string, unknown> {
  return {
    name: p.name,
    description: p.description,
    configuration: p.configuration,
    scheduleCron: p.scheduleCron,
    scheduleTimezone: p.scheduleTimezone,
    timeoutMinutes: p.timeoutMinutes,
    maxRetries: p.maxRetries,
    category: p.category,
    tags: p.tags,
    inputs: p.inputs ?? [],
  };
}

async function insertVersion(
  em: EntityManager,
  workflowId: number,
  version: number,
  definition: Record<string, unknown>,
  hash: string,
  by: number | null,
  at: string,
) {
  await em.execute(
    'INSERT INTO workflow_versions (workflow_id, version, definition, configuration_hash, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    [workflowId, version, JSON.stringify(definition), hash, by, at],
    'run',
  );
}
