import { z } from 'zod';
import { deliveryAnswer } from '../list-execution-deliveries/list-execution-deliveries.schema';

// The query string of GET /api/v1/report-deliveries (`status=failed` is the dead-letter list).
export const listDeliveriesSchema = z.strictObject({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  // `updatedAt` of the last item of the previous page.
  before: z.iso.datetime({ offset: true }).optional(),
});
export type ListDeliveriesRequest = z.infer<typeof listDeliveriesSchema>;

// A page of deliveries, newest first; nextBefore: the `before` of the next page, null on the last.
export const deliveryPageAnswer = z
  .object({ items: z.array(deliveryAnswer), nextBefore: z.string().nullable() })
  .describe('A page of deliveries');
