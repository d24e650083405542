import { z } from 'zod';

// POST /api/v1/workflows/:id/executions
export const startExecutionBody = z.strictObject({
  triggeredBy: z.enum(['manual', 'api']).default('manual'),
  priority: z.number().int().min(-100).max(100).default(0),
  // Values of the workflow's declared inputs, by name; checked (and defaults applied) when the run
  // starts: WORKFLOWS.INVALID_INPUT with one issue per input otherwise.
  inputs: z.record(z.string(), z.unknown()).default({}),
});
export type StartExecutionBody = z.infer<typeof startExecutionBody>;
