import { z } from 'zod';
import { reportTypeSchema } from '@mindhill/contracts';

export const listReportsQuery = z.strictObject({
  status: z.enum(['active', 'inactive', 'archived']).optional(),
  category: z.string().max(100).optional(),
  type: reportTypeSchema.optional(),
  // Case-insensitive substring of the report name.
  name: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListReportsQuery = z.infer<typeof listReportsQuery>;
