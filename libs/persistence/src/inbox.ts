import { EntityManager } from '@mikro-orm/postgresql';

// Claims an event for a consumer inside the caller's transaction. False means the event was
// already processed: the caller skips its effect, and the claim rolls back with any failure.
export async function claimInbox(em: EntityManager, consumer: string, eventId: string): Promise<boolean> {
  const rows = await em.execute<unknown[]>(
    'INSERT INTO processed_message (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING 1',
    [consumer, eventId],
  );
  return rows.length === 1;
}
