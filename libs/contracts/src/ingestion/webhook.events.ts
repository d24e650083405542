import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';

// A payload posted to a webhook data source, verified and buffered until the next fetch (or the
// run it starts, when the source has startRuns). The
// bytes are in the content store (claim check); the event carries their hash.
export const webhookReceived = defineEvent({
  type: 'ingestion.webhook.received',
  version: 1,
  aggregateType: 'webhook',
  topic: topicName('ingestion', 'webhook'),
  schema: z.object({
    deliveryId: z.uuid(),
    deliveryNumber: z.number().int().positive(),
    fluxId: z.uuid(),
    fluxNumber: z.number().int().positive(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    sizeBytes: z.number().int().nonnegative(),
    contentType: z.string().nullable(),
    receivedAt: z.iso.datetime({ offset: true }),
    // The source was set to start a run of every workflow using it (workflows consumes this).
    // Absent on deliveries recorded before the setting existed: they started nothing.
    startRuns: z.boolean().optional(),
  }),
  audit: {
    category: 'data',
    action: 'webhook-receive',
    resourceType: 'data-source',
    severity: 'info',
    responseStatus: 202,
    resourceName: (p) => `flux ${p.fluxNumber}`,
    newValues: (p) => ({ deliveryNumber: p.deliveryNumber, sizeBytes: p.sizeBytes, contentType: p.contentType }),
  },
});
