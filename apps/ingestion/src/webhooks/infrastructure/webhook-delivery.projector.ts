import { EntityManager } from '@mikro-orm/postgresql';
import { EventEnvelope, StoredPayload, webhookReceived } from '@mindhill/contracts';
import { Projector } from '@mindhill/persistence';

// Buffered webhook deliveries; a fetch marks them consumed (see the fetching projector).
export const webhookDeliveryProjector: Projector = {
  name: 'webhook_deliveries',
  handles: [webhookReceived.type],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    const p = event.payload as StoredPayload<typeof webhookReceived>;
    await em.execute(
      `INSERT INTO webhook_deliveries (id, uuid, flux_id, content_hash, size_bytes, content_type, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [p.deliveryNumber, p.deliveryId, p.fluxNumber, p.sha256, p.sizeBytes, p.contentType, p.receivedAt],
      'run',
    );
  },
};
