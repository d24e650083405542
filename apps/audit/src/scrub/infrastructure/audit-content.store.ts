import { EntityManager } from '@mikro-orm/postgresql';

const BATCH = 5_000;

// Removes the named payload fields from the audit rows of one event type, in small batches.
// `fields` must be SQL-safe names (domain/content-fields.ts). Returns the rows changed.
export async function scrubContentFields(em: EntityManager, eventType: string, fields: readonly string[]): Promise<number> {
  const list = `ARRAY[${fields.map((n) => `'${n}'`).join(', ')}]::text[]`;
  let scrubbed = 0;
  for (;;) {
    const rows = await em.execute<unknown[]>(
      `UPDATE audit_logs SET event_details = jsonb_set(event_details, '{payload}', (event_details -> 'payload') - ${list})
       WHERE id IN (SELECT id FROM audit_logs WHERE event_type = ? AND jsonb_typeof(event_details -> 'payload') = 'object'
                      AND jsonb_exists_any(event_details -> 'payload', ${list}) LIMIT ${BATCH})
       RETURNING 1`,
      [eventType],
    );
    scrubbed += rows.length;
    if (rows.length < BATCH) return scrubbed;
  }
}
