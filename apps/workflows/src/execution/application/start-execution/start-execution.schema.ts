import { z } from 'zod';

// POST /api/v1/workflows/:id/executions
export const startExecutionBody = z.strictObject({
  triggeredBy: z.enum(['manual', 'api']).default('manual'),
  priority: z.number().int().min(-100).max(100).default(0),
});
export type StartExecutionBody = z.infer<typeof startExecutionBody>;
