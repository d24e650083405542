import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { webhookReceived } from '@mindhill/contracts';
import { EventContext, EventStore, newEvent } from '@mindhill/persistence';
import { DomainError } from '@mindhill/platform';
import { ContentStore } from '../../../contents/infrastructure/content-store';
import { CredentialCipher } from '../../../data-sources/domain/credential-cipher';
import { dataSourceNotFound, findDataSource } from '../../../data-sources/infrastructure/data-source.repository';
import { sha256Hex } from '../../../fetching/domain/content-analysis';
import { verifySignature } from '../../domain/webhook-signature';

export type WebhookAccepted = { deliveryId: string; sha256: string; sizeBytes: number };

// Verifies the signature over the raw bytes, keeps the bytes in the content store, and records
// the delivery; the next fetch of this source picks it up.
@Injectable()
export class ReceiveWebhookHandler {
  constructor(private readonly events: EventStore, private readonly cipher: CredentialCipher, private readonly store: ContentStore) {}

  async execute(fluxId: string, raw: Buffer, signature: string | undefined, contentType: string | null, context: EventContext): Promise<WebhookAccepted> {
    const source = await findDataSource(this.events.readModel(), fluxId);
    // Unknown, archived and non-webhook sources all answer alike: nothing to probe.
    if (!source || source.source_type !== 'webhook' || source.status !== 'active') throw dataSourceNotFound(fluxId);
    const secret = source.credentials_encrypted ? this.cipher.decrypt(source.credentials_encrypted).webhookSecret : undefined;
    if (!secret || !verifySignature(secret, raw, signature)) {
      throw new DomainError('INGESTION.BAD_SIGNATURE', 'The X-Mindhill-Signature header does not match the payload', 'unauthorized');
    }
    const sha256 = sha256Hex(raw);
    await this.store.put(sha256, raw);
    return this.events.transact(async (tx) => {
      const [{ id }] = await tx.em.execute<{ id: string }[]>(`SELECT nextval('webhook_delivery_seq') AS id`);
      const deliveryId = randomUUID();
      await tx.append(`webhook-delivery-${deliveryId}`, 0, [
        newEvent(webhookReceived, {
          deliveryId, deliveryNumber: Number(id), fluxId: source.uuid, fluxNumber: source.id, sha256, sizeBytes: raw.length,
          contentType: contentType?.slice(0, 200) ?? null, receivedAt: new Date().toISOString(),
        }),
      ], context);
      return { deliveryId, sha256, sizeBytes: raw.length };
    });
  }
}
