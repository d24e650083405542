import { EntityManager } from '@mikro-orm/postgresql';
import { EventEnvelope, PublicPayload, workflowCreated, workflowSharingChanged } from '@mindhill/contracts';
import { SqlPredicate, visibleTo, Who } from '@mindhill/platform';
import { WorkflowAccessEntry } from './workflow-access.entity';

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

export const WORKFLOW_ACCESS_V1_DOWN_SQL = ['DROP TABLE workflow_access'];

export const WORKFLOW_ACCESS_EVENTS = [workflowCreated, workflowSharingChanged] as const;

export async function recordWorkflowAccess(em: EntityManager, event: EventEnvelope<Record<string, unknown>>): Promise<void> {
  const at = new Date(event.occurredAt);
  if (event.type === workflowCreated.type) {
    const p = event.payload as PublicPayload<typeof workflowCreated>;
    // Insert or ignore in one statement: a redelivered created event changes nothing. Templates
    // are public to everyone.
    await em
      .createQueryBuilder(WorkflowAccessEntry)
      .insert({
        workflowId: p.workflowId,
        ownerNumber: p.createdBy,
        isPublic: (p.isPublic ?? false) || p.isTemplate,
        sharedWithUsers: p.sharedWithUsers ?? [],
        updatedAt: at,
      })
      .onConflict('workflowId')
      .ignore()
      .execute();
    return;
  }
  if (event.type === workflowSharingChanged.type) {
    const p = event.payload as PublicPayload<typeof workflowSharingChanged>;
    await em.nativeUpdate(
      WorkflowAccessEntry,
      { workflowId: p.workflowId },
      { isPublic: p.isPublic, sharedWithUsers: p.sharedWithUsers, updatedAt: at },
    );
  }
}

// The workflow_access rows (alias `wa`) the caller may see.
export const workflowAccessVisibleTo = (who: Who, alias = 'wa'): SqlPredicate =>
  visibleTo(who, { owner: `${alias}.owner_number`, isPublic: `${alias}.is_public`, sharedWith: `${alias}.shared_with_users` });
