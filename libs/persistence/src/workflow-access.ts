import { EntityManager } from '@mikro-orm/postgresql';
import { EventEnvelope, PublicPayload, workflowCreated, workflowSharingChanged } from '@mindhill/contracts';
import { SqlPredicate, visibleTo, Who } from '@mindhill/platform';
import { pgIntArray } from './event-store';

// workflow_access: each workflow's owner and sharing, kept from the workflow events by the
// services whose rows follow a workflow (ingestion's fetchings, processing's history and search
// hits). The same read model in each, so it lives here once.
export const WORKFLOW_ACCESS_V1_SQL = [
  `CREATE TABLE workflow_access (
    workflow_id UUID PRIMARY KEY,
    owner_number INTEGER,
    is_public BOOLEAN NOT NULL DEFAULT false,
    shared_with_users INTEGER[] NOT NULL DEFAULT '{}',
    updated_at TIMESTAMPTZ NOT NULL
  )`,
];

export const WORKFLOW_ACCESS_EVENTS = [workflowCreated, workflowSharingChanged] as const;

export async function recordWorkflowAccess(em: EntityManager, event: EventEnvelope<Record<string, unknown>>): Promise<void> {
  if (event.type === workflowCreated.type) {
    const p = event.payload as PublicPayload<typeof workflowCreated>;
    // Templates are public to everyone.
    await em.execute(
      `INSERT INTO workflow_access (workflow_id, owner_number, is_public, shared_with_users, updated_at) VALUES (?, ?, ?, ?::int[], ?)
       ON CONFLICT (workflow_id) DO NOTHING`,
      [p.workflowId, p.createdBy, (p.isPublic ?? false) || p.isTemplate, pgIntArray(p.sharedWithUsers ?? []), event.occurredAt],
      'run',
    );
    return;
  }
  if (event.type === workflowSharingChanged.type) {
    const p = event.payload as PublicPayload<typeof workflowSharingChanged>;
    await em.execute(
      'UPDATE workflow_access SET is_public = ?, shared_with_users = ?::int[], updated_at = ? WHERE workflow_id = ?',
      [p.isPublic, pgIntArray(p.sharedWithUsers), event.occurredAt, p.workflowId],
      'run',
    );
  }
}

// The workflow_access rows (alias `wa`) the caller may see.
export const workflowAccessVisibleTo = (who: Who, alias = 'wa'): SqlPredicate =>
  visibleTo(who, { owner: `${alias}.owner_number`, isPublic: `${alias}.is_public`, sharedWith: `${alias}.shared_with_users` });
