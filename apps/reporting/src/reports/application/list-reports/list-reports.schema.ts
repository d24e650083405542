import { z } from 'zod';
import { reportTypeSchema } from '@mindhill/contracts';

// The query string of GET /api/v1/reports.
export const listReportsSchema = z.strictObject({
  status: z.enum(['active', 'inactive', 'archived']).optional(),
  category: z.string().max(100).optional(),
  type: reportTypeSchema.optional(),
  // Case-insensitive substring of the report name.
  name: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListReportsRequest = z.infer<typeof listReportsSchema>;
