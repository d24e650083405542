import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { streamIds, webhookReceived } from '@mindhill/contracts';
import { EventContext, EventStore, newEvent } from '@mindhill/persistence';
import { DomainError } from '@mindhill/platform';
import { ContentStore } from '../../../contents/infrastructure/content-store';
import { CredentialCipher } from '../../../data-sources/infrastructure/credential-cipher';
import { dataSourceNotFound } from '../../../data-sources/domain/data-source.decider';
import { findDataSource } from '../../../data-sources/infrastructure/data-source.repository';
import { sha256Hex } from '../../../fetching/domain/content-analysis';
import { verifyWebhook, WebhookHeaders } from '../../domain/webhook-signature';

export type WebhookAccepted = { deliveryId: string; sha256: string; sizeBytes: number };

export const WEBHOOK_OPTIONS = Symbol('WEBHOOK_OPTIONS');
export type WebhookOptions = { toleranceSeconds: number };

export const webhookReplayed = (webhookId: string) =>
  new DomainError('INGESTION.WEBHOOK_REPLAYED', `Delivery ${webhookId} was already received`, 'conflict');

// Verifies the signature over id, timestamp and raw bytes and the timestamp's freshness, keeps
// the bytes in the content store, and records the delivery; the next fetch of this source
// picks it up. On a startRuns source the event also asks workflows to start the runs.
@Injectable()
export class ReceiveWebhookHandler {
  constructor(
    private readonly events: EventStore,
    private readonly cipher: CredentialCipher,
    private readonly store: ContentStore,
    @Inject(WEBHOOK_OPTIONS) private readonly options: WebhookOptions,
  ) {}

  async execute(
    fluxId: string,
    raw: Buffer,
    headers: WebhookHeaders,
    contentType: string | null,
    context: EventContext,
  ): Promise<WebhookAccepted> {
    const source = await findDataSource(this.events.readModel(), fluxId);
    // Unknown, archived and non-webhook sources all answer alike: nothing to probe.
    if (!source || source.source_type !== 'webhook' || source.status !== 'active') throw dataSourceNotFound(fluxId);
    const secret = source.credentials_encrypted ? this.cipher.decrypt(source.credentials_encrypted).webhookSecret : undefined;
    if (!secret)
      throw new DomainError('INGESTION.BAD_SIGNATURE', 'The webhook-signature header does not match the delivery', 'unauthorized');
    const { webhookId, timestamp } = verifyWebhook(secret, headers, raw, new Date(), this.options.toleranceSeconds);
    const sha256 = sha256Hex(raw);
    await this.store.put(sha256, raw);
    return this.events.transact(async (tx) => {
      const deliveryId = randomUUID();
      // Ids whose timestamp can no longer pass the freshness check are forgotten (twice the
      // tolerance: room for clock differences between instances).
      await tx.em.execute(
        `DELETE FROM webhook_replay_guard WHERE flux_id = ? AND webhook_timestamp < now() - make_interval(secs => ?)`,
        [source.id, this.options.toleranceSeconds * 2],
        'run',
      );
      // The claim and the delivery commit together; a concurrent replay waits on the key and
      // then finds it taken.
      const claimed = await tx.em.execute<unknown[]>(
        `INSERT INTO webhook_replay_guard (flux_id, webhook_id, webhook_timestamp, delivery_id) VALUES (?, ?, ?, ?)
         ON CONFLICT (flux_id, webhook_id) DO NOTHING RETURNING 1`,
        [source.id, webhookId, timestamp, deliveryId],
      );
      if (claimed.length === 0) throw webhookReplayed(webhookId);
      const [{ id }] = await tx.em.execute<{ id: string }[]>(`SELECT nextval('webhook_delivery_seq') AS id`);
      await tx.append(
        streamIds.webhookDelivery(deliveryId),
        0,
        [
          newEvent(webhookReceived, {
            deliveryId,
            deliveryNumber: Number(id),
            fluxId: source.uuid,
            fluxNumber: source.id,
            sha256,
            sizeBytes: raw.length,
            contentType: contentType?.slice(0, 200) ?? null,
            receivedAt: new Date().toISOString(),
            startRuns: source.config.startRuns === true,
          }),
        ],
        context,
      );
      return { deliveryId, sha256, sizeBytes: raw.length };
    });
  }
}
