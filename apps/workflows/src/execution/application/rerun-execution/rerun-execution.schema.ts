import { z } from 'zod';

// POST /api/v1/executions/:id/rerun
export const rerunExecutionBody = z.strictObject({
  // The first stage to execute again; the stages before it are carried over from the run rerun.
  // Absent: its first stage that did not finish. At most that stage (WORKFLOWS.INVALID_RERUN_STAGE).
  fromStage: z.number().int().min(1).optional(),
  priority: z.number().int().min(-100).max(100).default(0),
});
export type RerunExecutionBody = z.infer<typeof rerunExecutionBody>;
