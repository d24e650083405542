import { EntityManager } from '@mikro-orm/postgresql';

export type Recipient = { userId: string; email: string };

// The live account a mail goes to (by its uuid), or null when it is gone or deactivated.
export async function accountRecipient(em: EntityManager, userId: string, activeOnly: boolean): Promise<Recipient | null> {
  const rows = await em.execute<{ uuid: string; email: string }[]>(
    `SELECT uuid, email FROM users WHERE uuid = ? AND deleted_at IS NULL ${activeOnly ? 'AND is_active' : ''}`,
    [userId],
  );
  return rows[0] ? { userId: rows[0].uuid, email: rows[0].email } : null;
}

// The owner of a workflow (workflow_access, kept from the workflow events), if auth knows the
// workflow yet and the owner's account is live.
export async function workflowOwner(em: EntityManager, workflowId: string): Promise<{ known: boolean; recipient: Recipient | null }> {
  const rows = await em.execute<{ uuid: string | null; email: string | null }[]>(
    `SELECT u.uuid, u.email FROM workflow_access wa
       LEFT JOIN users u ON u.id = wa.owner_number AND u.deleted_at IS NULL AND u.is_active
      WHERE wa.workflow_id = ?`,
    [workflowId],
  );
  const row = rows[0];
  if (!row) return { known: false, recipient: null };
  return { known: true, recipient: row.uuid && row.email ? { userId: row.uuid, email: row.email } : null };
}
