import { Injectable } from '@nestjs/common';
import { EventEnvelope } from '@mindhill/contracts';
import {
  claimInbox,
  EventStore,
  executeBound,
  recordUserRole,
  recordWorkflowAccess,
  USER_ROLE_EVENT_TYPES,
  WORKFLOW_ACCESS_EVENTS,
} from '@mindhill/persistence';
import { READ_MODEL_EVENT_TYPES, ReadModelRow, readModelRows } from '../../domain/read-model-rows';
import { writeReadModelRows } from '../../infrastructure/read-model.writer';

export const READ_MODELS_CONSUMER = 'reporting.read-models';
export const WORKFLOW_ACCESS_CONSUMER = 'reporting.workflow-access';
export const USER_ROLES_CONSUMER = 'reporting.user-roles';
const WORKFLOW_ACCESS_TYPES = new Set<string>(WORKFLOW_ACCESS_EVENTS.map((d) => d.type));
// Every type this job acts on: the consumer passes the others on its topics over undecoded
// (a run's stage requests, a workflow's edits).
export const READ_MODEL_FEED_TYPES: ReadonlySet<string> = new Set([
  ...READ_MODEL_EVENT_TYPES,
  ...WORKFLOW_ACCESS_TYPES,
  ...USER_ROLE_EVENT_TYPES,
]);
type RecordEvent = EventEnvelope<Record<string, unknown>>;

const CLAIM = `INSERT INTO processed_message (consumer, event_id) SELECT ?::varchar, unnest(?::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`;

// Feeds the report read models from a whole Kafka batch in one transaction: one inbox claim for
// every event, then one upsert per row kind (more only when a batch writes one row twice). One
// transaction per event made reporting the platform's largest CPU user during a pipeline run.
// If anything fails the transaction rolls back, claims included, and the consumer retries the
// events one by one (batches of one), dead-lettering only the one that fails.
@Injectable()
export class RecordReadModelEventsJob {
  constructor(private readonly events: EventStore) {}

  async executeBatch(batch: readonly EventEnvelope[]): Promise<{ duplicates: number }> {
    const relevant = batch.filter((e) => READ_MODEL_EVENT_TYPES.has(e.type));
    const access = batch.filter((e): e is RecordEvent => WORKFLOW_ACCESS_TYPES.has(e.type) && isRecord(e.payload));
    const roles = batch.filter((e): e is RecordEvent => USER_ROLE_EVENT_TYPES.has(e.type) && isRecord(e.payload));
    if (relevant.length === 0 && access.length === 0 && roles.length === 0) return { duplicates: 0 };
    return this.events.transact(async (tx) => {
      // Workflow owners and sharing (few events): one claim each.
      let skipped = 0;
      for (const e of access) {
        if (await claimInbox(tx.em, WORKFLOW_ACCESS_CONSUMER, e.eventId)) await recordWorkflowAccess(tx.em, e);
        else skipped += 1;
      }
      // Report owners' current roles (few events): one claim each.
      for (const e of roles) {
        if (await claimInbox(tx.em, USER_ROLES_CONSUMER, e.eventId)) await recordUserRole(tx.em, e);
        else skipped += 1;
      }
      if (relevant.length === 0) return { duplicates: skipped };
      const claimed = await executeBound<{ event_id: string }>(tx.em, CLAIM, [
        READ_MODELS_CONSUMER,
        [...new Set(relevant.map((e) => e.eventId))],
      ]);
      // An event id already processed, or a second copy inside this batch, changes nothing.
      const mine = new Set(claimed.map((r) => r.event_id));
      const rows: ReadModelRow[] = [];
      for (const e of relevant) if (mine.delete(e.eventId)) rows.push(...readModelRows(e));
      await writeReadModelRows(tx.em, rows);
      return { duplicates: skipped + relevant.length - claimed.length };
    });
  }
}

// The consumer validated every payload against its contract (an object); a batch built by hand
// could hold anything.
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
