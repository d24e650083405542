import { Injectable } from '@nestjs/common';
import { contentsRemoved, EventEnvelope } from '@mindhill/contracts';
import { DomainError } from '@mindhill/domain';
import { EventStore, executeBound } from '@mindhill/persistence';
import { CONTENT_FEED_CONSUMER } from '../record-fetched-content/record-fetched-content.job';

const CLAIM_SQL = `INSERT INTO processed_message (consumer, event_id) SELECT ?::varchar, unnest(?::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`;
// Everything processing holds per content: its search entry, the stage texts derived from it,
// its execution links and the content itself.
const FORGET = [
  `DELETE FROM content_search WHERE content_id = ANY(?::uuid[])`,
  `DELETE FROM content_stage_text WHERE content_id = ANY(?::uuid[])`,
  `DELETE FROM execution_content WHERE content_id = ANY(?::uuid[])`,
  `DELETE FROM source_content WHERE content_id = ANY(?::uuid[])`,
];

// Contents ingestion's retention removed (`ingestion.content.removed`) leave processing too: the
// text, summaries and keywords derived from them are not kept longer than the content. Same
// consumer group and inbox as the content feed; idempotent by event id.
@Injectable()
export class ForgetRemovedContentsJob {
  constructor(private readonly events: EventStore) {}

  async executeBatch(batch: readonly EventEnvelope<unknown>[]): Promise<number> {
    const removals = new Map<string, string[]>();
    for (const e of batch.filter((x) => x.type === contentsRemoved.type)) {
      const result = contentsRemoved.schema.safeParse(e.payload);
      if (!result.success) throw new DomainError('PROCESSING.INVALID_CONTENT_EVENT', result.error.message, 'invalid');
      removals.set(e.eventId, result.data.contentIds);
    }
    if (removals.size === 0) return 0;
    return this.events.transact(async (tx) => {
      const claimed = await executeBound<{ event_id: string }>(tx.em, CLAIM_SQL, [CONTENT_FEED_CONSUMER, [...removals.keys()]]);
      const ids = claimed.flatMap((r) => removals.get(r.event_id) ?? []);
      if (ids.length === 0) return 0;
      for (const sql of FORGET) await executeBound(tx.em, sql, [ids]);
      return ids.length;
    });
  }
}
