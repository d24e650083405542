import { z } from 'zod';

export const listDataSourcesQuery = z.strictObject({
  type: z.enum(['api', 'file', 'database', 'webhook']).optional(),
  status: z.enum(['active', 'archived', 'all']).default('active'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});
export type ListDataSourcesQuery = z.infer<typeof listDataSourcesQuery>;
