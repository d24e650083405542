import { randomUUID } from 'node:crypto';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { auditScrubCompleted, streamIds } from '@mindhill/contracts';
import { EventContext, EventStore, newEvent } from '@mindhill/persistence';
import { getLogger, systemContext } from '@mindhill/platform';
import { contentFieldsByType } from '../../domain/content-fields';
import { scrubContentFields } from '../../infrastructure/audit-content.store';

export type ScrubReport = { runId: string | null; scrubbed: number; byEventType: Record<string, number>; fields: Record<string, string[]> };

// Rows written before the audit contracts left content out still hold previews, summaries and
// computed outputs. At start-up (and on an admin's request) they are removed in small batches;
// a pass that changed anything is recorded as an audit.scrub.completed event, with counts.
// Idempotent: a second pass (or a second instance) finds nothing.
@Injectable()
export class ScrubAuditContentJob implements OnApplicationBootstrap {
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
      const changed = await scrubContentFields(em, type, names);
      if (changed) byEventType[type] = changed;
      scrubbed += changed;
    }
    if (scrubbed === 0 && trigger === 'startup') return { runId: null, scrubbed, byEventType, fields };
    const runId = randomUUID();
    await this.events.transact((tx) =>
      tx.append(
        streamIds.scrubRun(runId),
        0,
        [newEvent(auditScrubCompleted, { runId, trigger, scrubbed, byEventType, fields, ranAt: new Date().toISOString() })],
        context,
      ),
    );
    this.logger.info({ runId, scrubbed, byEventType }, 'Audit rows scrubbed of content');
    return { runId, scrubbed, byEventType, fields };
  }
}
