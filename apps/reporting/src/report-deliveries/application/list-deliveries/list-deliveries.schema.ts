import { z } from 'zod';

// The query string of GET /api/v1/report-deliveries (`status=failed` is the dead-letter list).
export const listDeliveriesSchema = z.strictObject({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  // `updatedAt` of the last item of the previous page.
  before: z.iso.datetime({ offset: true }).optional(),
});
export type ListDeliveriesRequest = z.infer<typeof listDeliveriesSchema>;
