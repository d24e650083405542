import { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from './bound-query';

// Claims an event for a consumer inside the caller's transaction. False means the event was
// already processed: the caller skips its effect, and the claim rolls back with any failure.
export async function claimInbox(em: EntityManager, consumer: string, eventId: string): Promise<boolean> {
  // Raw SQL (hot path, ADR 0014): claim and duplicate check in one insert-or-ignore statement.
  const rows = await em.execute<unknown[]>(
    'INSERT INTO processed_message (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING 1',
    [consumer, eventId],
  );
  return rows.length === 1;
}

// Claims a batch's events in one statement; answers the ids that were new, in lower case as
// PostgreSQL writes a uuid (the rest are redeliveries, whose effects the caller skips).
export async function claimInboxMany(em: EntityManager, consumer: string, eventIds: readonly string[]): Promise<Set<string>> {
  const rows = await executeBound<{ event_id: string }>(
    em,
    'INSERT INTO processed_message (consumer, event_id) SELECT ?::varchar, unnest(?::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id',
    [consumer, [...new Set(eventIds.map((id) => id.toLowerCase()))]],
  );
  return new Set(rows.map((r) => r.event_id));
}

// A read-model consumer's whole transaction: claim the event, then apply it, or skip a
// redelivery. `duplicates` is what the transport counts.
export function recordOnce(
  events: { transact<T>(work: (tx: { em: EntityManager }) => Promise<T>): Promise<T> },
  consumer: string,
  eventId: string,
  apply: (em: EntityManager) => Promise<void>,
): Promise<{ duplicates: number }> {
  return events.transact(async (tx) => {
    if (!(await claimInbox(tx.em, consumer, eventId))) return { duplicates: 1 };
    await apply(tx.em);
    return { duplicates: 0 };
  });
}
