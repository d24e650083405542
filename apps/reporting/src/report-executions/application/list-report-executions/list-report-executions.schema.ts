import { z } from 'zod';

// The query string of GET /api/v1/reports/:id/executions.
export const listReportExecutionsSchema = z.strictObject({
  status: z.enum(['Created', 'InProgress', 'Success', 'Failed', 'Cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListReportExecutionsRequest = z.infer<typeof listReportExecutionsSchema>;
