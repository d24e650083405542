import { z } from 'zod';

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');

// GET /api/v1/workflows/:id/statistics
export const workflowStatisticsParams = z
  .strictObject({ from: DATE.optional(), to: DATE.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type WorkflowStatisticsParams = z.infer<typeof workflowStatisticsParams>;
