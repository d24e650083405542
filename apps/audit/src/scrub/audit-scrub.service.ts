import { randomUUID } from 'node:crypto';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { auditScrubCompleted, EVENT_DEFINITIONS } from '@mindhill/contracts';
import { EventContext, EventStore, newEvent } from '@mindhill/persistence';
import { getLogger, systemContext } from '@mindhill/platform';

const BATCH = 5_000;

export type ScrubReport = { runId: string | null; scrubbed: number; byEventType: Record<string, number>; fields: Record<string, string[]> };

// Which payload fields each event type must not keep in audit rows (the contracts' audit
// contentFields), as SQL-safe names.
export function contentFieldsByType(definitions = EVENT_DEFINITIONS): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const d of definitions) {
    const fields = (d.audit.contentFields ?? []).filter((f) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(f));
    if (fields.length) out[d.type] = [...fields];
  }
  return out;
}

// Rows written before the audit contracts left content out still hold previews, summaries and
// computed outputs. At start-up (and on an admin's request) they are removed in small batches;
// a pass that changed anything is recorded as an audit.scrub.completed event, with counts.
// Idempotent: a second pass (or a second instance) finds nothing.
@Injectable()
export class AuditScrubService implements OnApplicationBootstrap {
  private readonly logger = getLogger('audit-scrub');

  constructor(
    private readonly orm: MikroORM,
    private readonly events: EventStore,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: readiness does not wait for a pass over years of rows.
    void this.run(systemContext(), 'startup').catch((error) => this.logger.error({ err: error }, 'Audit scrub failed'));
  }

  async run(context: EventContext, trigger: 'startup' | 'request' = 'request'): Promise<ScrubReport> {
    const em = this.orm.em.fork();
    const fields = contentFieldsByType();
    const byEventType: Record<string, number> = {};
    let scrubbed = 0;
    for (const [type, names] of Object.entries(fields)) {
      const list = `ARRAY[${names.map((n) => `'${n}'`).join(', ')}]::text[]`;
      for (;;) {
        const rows = await em.execute<unknown[]>(
          `UPDATE audit_logs SET event_details = jsonb_set(event_details, '{payload}', (event_details -> 'payload') - ${list})
           WHERE id IN (SELECT id FROM audit_logs WHERE event_type = ? AND jsonb_typeof(event_details -> 'payload') = 'object'
                          AND jsonb_exists_any(event_details -> 'payload', ${list}) LIMIT ${BATCH})
           RETURNING 1`,
          [type],
        );
        if (rows.length) byEventType[type] = (byEventType[type] ?? 0) + rows.length;
        scrubbed += rows.length;
        if (rows.length < BATCH) break;
      }
    }
    if (scrubbed === 0 && trigger === 'startup') return { runId: null, scrubbed, byEventType, fields };
    const runId = randomUUID();
    await this.events.transact((tx) =>
      tx.append(
        `scrub-${runId}`,
        0,
        [newEvent(auditScrubCompleted, { runId, trigger, scrubbed, byEventType, fields, ranAt: new Date().toISOString() })],
        context,
      ),
    );
    this.logger.info({ runId, scrubbed, byEventType }, 'Audit rows scrubbed of content');
    return { runId, scrubbed, byEventType, fields };
  }
}
