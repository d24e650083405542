import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { contentsRemoved, ingestionRetentionApplied, newEvent, RetentionReceipt, streamIds } from '@mindhill/contracts';
import { assertAdmin } from '@mindhill/domain';
import { LIVE_SETTINGS, LiveSettings } from '@mindhill/messaging';
import { EventContext, EventStore, recordRetentionRun, retentionCutoff, RetentionTrigger } from '@mindhill/persistence';
import { ContentStore } from '../../../contents/infrastructure/content-store';
import { blobsToDelete, DEFAULT_CONTENT_RETENTION_DAYS } from '../../domain/content-retention';
import { countExpiredContents, findExpiredContents, referencedHashes } from '../../infrastructure/expired-contents.store';
import { RemoveExpiredContentsBody } from './remove-expired-contents.schema';

const BATCH = 1_000;

// Removes contents not fetched for content_retention_days: each batch of a thousand is one
// `ingestion.content.removed` event (its projection drops the rows and fetch links), then the
// blobs that no remaining content nor webhook delivery refers to leave the content store. Every
// run, dry or not, ends with an `ingestion.retention.applied` receipt.
@Injectable()
export class RemoveExpiredContentsHandler {
  constructor(
    private readonly orm: MikroORM,
    private readonly events: EventStore,
    private readonly store: ContentStore,
    @Inject(LIVE_SETTINGS) private readonly live: LiveSettings,
  ) {}

  execute(body: RemoveExpiredContentsBody, context: EventContext): Promise<RetentionReceipt> {
    assertAdmin(context.actor, 'Retention');
    return this.apply(body.dryRun, context, 'request');
  }

  async apply(dryRun: boolean, context: EventContext, trigger: RetentionTrigger): Promise<RetentionReceipt> {
    const retentionDays = this.live.integer('content_retention_days', DEFAULT_CONTENT_RETENTION_DAYS);
    const cutoffDate = retentionCutoff(retentionDays);
    const cutoff = cutoffDate.toISOString();
    const expected = await countExpiredContents(this.orm.em.fork(), cutoff);
    const removed = { contents: 0, blobs: 0 };
    let removedBytes = 0;
    while (!dryRun) {
      const batch = await findExpiredContents(this.orm.em.fork(), cutoff, BATCH);
      if (batch.length === 0) break;
      const runId = randomUUID();
      const event = newEvent(contentsRemoved, {
        runId,
        contentIds: batch.map((c) => c.uuid),
        contentNumbers: batch.map((c) => c.number),
        retentionDays,
        cutoff,
        removedAt: new Date().toISOString(),
      });
      await this.events.transact((tx) => tx.append(streamIds.retentionRun(runId), 0, [event], context));
      removed.contents += batch.length;
      // After the commit: a blob goes only once no remaining row refers to its hash.
      const hashes = [...new Set(batch.map((c) => c.sha256))];
      const referenced = await referencedHashes(this.orm.em.fork(), hashes);
      const candidates = await Promise.all(
        hashes.map(async (sha256) => ({ sha256, stillReferenced: referenced.has(sha256), touchedAt: await this.store.touchedAt(sha256) })),
      );
      for (const sha256 of blobsToDelete(candidates, cutoffDate)) {
        const freed = await this.store.remove(sha256);
        if (freed === null) continue;
        removed.blobs += 1;
        removedBytes += freed;
      }
      if (batch.length < BATCH) break;
    }
    return recordRetentionRun(
      this.events,
      ingestionRetentionApplied,
      {
        dataClass: 'contents',
        dryRun,
        trigger,
        retentionDays,
        cutoff,
        matched: { contents: expected.contents, blobs: expected.blobs, contentBytes: expected.contentBytes },
        removed,
        matchedBytes: expected.blobBytes,
        removedBytes,
      },
      context,
    );
  }
}
