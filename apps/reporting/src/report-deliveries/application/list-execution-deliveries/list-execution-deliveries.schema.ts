import { z } from 'zod';
import { isoTimestamp } from '@mindhill/platform';

// One attempt of a delivery.
const receiptAnswer = z.object({
  attempt: z.number().int(),
  round: z.number().int(),
  outcome: z.enum(['delivered', 'retry', 'failed']),
  where: z.string().nullable(),
  mode: z.string().nullable(),
  responseCode: z.number().int().nullable(),
  errorCode: z.string().nullable(),
  nextAttemptAt: isoTimestamp().nullable(),
  at: isoTimestamp(),
});

// A delivery of a report run to one recipient (DeliveryView).
export const deliveryAnswer = z
  .object({
    id: z.uuid(),
    reportExecutionId: z.uuid(),
    reportId: z.uuid(),
    reportNumber: z.number().int(),
    reportName: z.string(),
    channel: z.enum(['email', 'webhook']),
    target: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    where: z.string().nullable().describe('For e-mail: "sent" only when an SMTP server took the mail'),
    mode: z.string().nullable(),
    round: z.number().int(),
    attempts: z.number().int(),
    lastResponseCode: z.number().int().nullable(),
    lastErrorCode: z.string().nullable(),
    nextAttemptAt: isoTimestamp().nullable(),
    receipts: z.array(receiptAnswer),
    requestedAt: isoTimestamp(),
    finishedAt: isoTimestamp().nullable(),
    updatedAt: isoTimestamp(),
  })
  .describe('A delivery of a report run');

export const executionDeliveriesAnswer = z.object({ items: z.array(deliveryAnswer) }).describe('The deliveries of a report run');
