import { z } from 'zod';
import { seedRowAnswer } from '@mindhill/platform';

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');

// GET /api/v1/workflows/:id/statistics
export const workflowStatisticsParams = z
  .strictObject({ from: DATE.optional(), to: DATE.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type WorkflowStatisticsParams = z.infer<typeof workflowStatisticsParams>;

// The seed's get_workflow_statistics row, under camelCase names.
export const workflowStatisticsAnswer = seedRowAnswer.describe("A workflow's run statistics (the seed's get_workflow_statistics)");

// The rows of one of the seed's metrics views (workflow_execution_summary, daily, performance).
export const metricsViewAnswer = z.object({ items: z.array(seedRowAnswer) }).describe('The rows of a metrics view, camelCase');
