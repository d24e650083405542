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
// safe horizon: nothing at or below it can still appear.
// Without a position: none, only the horizon to follow from.
export async function workflowEventsAfter(em: EntityManager, workflowNumber: number, afterPosition: string | null, limit: number) {
  const horizon = await safeHorizon(em);
  if (afterPosition === null) return { items: [], head: horizon };
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

// The highest position below which no event can still commit. Positions come from a sequence,
// drawn inside the inserting transaction, so a transaction still open may commit a lower
// position after a higher one became visible: reading "after the cursor" past it would skip it
// for good. A transaction draws positions only while holding ROW EXCLUSIVE on stored_event (taken
// before the insert evaluates its default, held to the end): the sequence's value read *before*
// finding no such holder is safe. Appends are short, so a few tries find a quiet moment; under
// constant writes, a SHARE lock waits for the open ones (and holds new ones off for one read).
async function safeHorizon(em: EntityManager): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const [row] = await em.execute<{ last: string; writers: number }[]>(
      `SELECT (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM stored_event_position_seq)::text AS last`,
    );
    const [held] = await em.execute<{ writers: number }[]>(
      `SELECT count(*)::int AS writers FROM pg_locks
        WHERE locktype = 'relation' AND relation = 'stored_event'::regclass AND mode = 'RowExclusiveLock'
          AND granted AND pid <> pg_backend_pid()`,
    );
    if (held?.writers === 0) return row?.last ?? '0';
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return em.transactional(async (tx) => {
    await tx.execute(`SET LOCAL lock_timeout = '2s'`);
    await tx.execute('LOCK TABLE stored_event IN SHARE MODE');
    const [row] = await tx.execute<{ last: string }[]>('SELECT coalesce(max(position), 0)::text AS last FROM stored_event');
    return row?.last ?? '0';
  });
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
