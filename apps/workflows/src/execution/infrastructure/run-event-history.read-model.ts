import { EntityManager } from '@mikro-orm/postgresql';
import { envelopeOf, executeBound, StoredEventRow } from '@mindhill/persistence';
import { eventRegistry, executionCreated, executionFinished, executionStageCompleted, executionStageFailed } from '@mindhill/contracts';
import { executionStageProgressed, executionStageRequested, executionStarted, streamIds } from '@mindhill/contracts';

// The run events the live event streams show (gateway, GET …/events), in the order they were
// stored. Their cursors: an execution's stream version (gapless, committed in order, since a
// version is appended only after the one before it), or for a workflow's runs the event store's
// position (see safeHorizon).
export const RUN_EVENT_TYPES: readonly string[] = [
  executionCreated,
  executionStarted,
  executionStageRequested,
  executionStageProgressed,
  executionStageCompleted,
  executionStageFailed,
  executionFinished,
].map((d) => d.type);

export type RunEventItem = {
  cursor: string;
  type: string;
  executionId: string;
  workflowId: string;
  occurredAt: string;
  payload: Record<string, unknown>;
};

export async function executionEventsAfter(em: EntityManager, executionId: string, afterVersion: number, limit: number) {
  // Raw SQL: stored_event rows are read as envelopes, never entities (ADR 0014); bound, for the
  // list of types.
  const rows = await executeBound<StoredEventRow>(
    em,
    `SELECT * FROM stored_event
      WHERE stream_id = ? AND version > ? AND type = ANY(?::varchar[]) ORDER BY version LIMIT ?`,
    [streamIds.execution(executionId), afterVersion, [...RUN_EVENT_TYPES], limit],
  );
  const [last] = await em.execute<{ v: number | null }[]>('SELECT max(version) AS v FROM stored_event WHERE stream_id = ?', [
    streamIds.execution(executionId),
  ]);
  return { items: rows.map((r) => itemOf(r, String(r.version))), head: Number(last?.v ?? 0) };
}

// Events of the runs of one workflow (by its internal number) stored after a position, up to the
// safe horizon: nothing at or below it can still appear. Without a position: none, only the
// horizon to follow from. head null: the horizon could not be fixed in time (a long write is
// open), so nothing is answered this time.
export async function workflowEventsAfter(em: EntityManager, workflowNumber: number, afterPosition: string | null, limit: number) {
  const horizon = await safeHorizon(em);
  if (horizon === null || afterPosition === null) return { items: [], head: horizon };
  const rows = await executeBound<StoredEventRow>(
    em,
    `SELECT s.* FROM stored_event s
      WHERE s.position > ? AND s.position <= ? AND s.type = ANY(?::varchar[])
        AND s.stream_id IN (SELECT 'execution-' || e.uuid FROM workflow_executions e WHERE e.workflow_id = ?)
      ORDER BY s.position LIMIT ?`,
    [afterPosition, horizon, [...RUN_EVENT_TYPES], workflowNumber, limit],
  );
  return { items: rows.map((r) => itemOf(r, String(r.position))), head: horizon };
}

// The highest position at or below which no event can still commit. Positions come from a
// sequence, drawn inside the inserting transaction, so a transaction still open may commit a
// lower position after a higher one became visible: reading "after the cursor" past it would
// skip it for good. A transaction draws a position only while it holds ROW EXCLUSIVE on
// stored_event (taken before the insert evaluates its default, held to its end). So: read the
// sequence, then list the transactions holding that lock; once none of them is left, every
// position up to the value read has committed or never will. Appends are short; a transaction
// that stays open longer than the wait gives null (the caller asks again), never a lock that
// would queue the service's writes behind this read.
async function safeHorizon(em: EntityManager, attempts = 40): Promise<string | null> {
  const [seq] = await em.execute<{ last: string }[]>(
    'SELECT (CASE WHEN is_called THEN last_value ELSE 0 END)::text AS last FROM stored_event_position_seq',
  );
  const holders = async () =>
    (
      await em.execute<{ vxid: string }[]>(
        `SELECT virtualtransaction AS vxid FROM pg_locks
          WHERE locktype = 'relation' AND relation = 'stored_event'::regclass AND mode = 'RowExclusiveLock'
            AND granted AND pid <> pg_backend_pid()`,
      )
    ).map((r) => r.vxid);
  const open = new Set(await holders());
  for (let attempt = 0; open.size > 0; attempt++) {
    if (attempt >= attempts) return null;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const still = new Set(await holders());
    for (const vxid of open) if (!still.has(vxid)) open.delete(vxid);
  }
  return seq?.last ?? '0';
}

function itemOf(row: StoredEventRow, cursor: string): RunEventItem {
  // Stored payloads hold private fields too: the published (public) schema, at its latest version.
  const event = eventRegistry.parse(envelopeOf(row));
  const payload = event.payload as { executionId: string; workflowId: string };
  return {
    cursor,
    type: event.type,
    executionId: payload.executionId,
    workflowId: payload.workflowId,
    occurredAt: event.occurredAt,
    payload,
  };
}
