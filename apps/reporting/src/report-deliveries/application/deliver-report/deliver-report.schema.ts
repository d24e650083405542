import { z } from 'zod';

export const DELIVER_REPORT_JOB = 'report-delivery';

// One job per attempt: a retry is a new job due after its backoff, enqueued with the attempt's receipt.
export const deliverReportPayload = z.object({
  deliveryId: z.uuid(),
  round: z.number().int().positive(),
  attempt: z.number().int().positive(),
});
export type DeliverReportPayload = z.infer<typeof deliverReportPayload>;

export const deliverReportJobKey = (p: DeliverReportPayload) => `report-delivery:${p.deliveryId}:${p.round}:${p.attempt}`;
