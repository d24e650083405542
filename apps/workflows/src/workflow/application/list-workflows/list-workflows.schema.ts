import { z } from 'zod';
import { workflowAnswer } from '../get-workflow/get-workflow.schema';

// GET /api/v1/workflows
export const listWorkflowsParams = z.strictObject({
  status: z.enum(['active', 'inactive', 'archived']).optional(),
  category: z.string().max(50).optional(),
  tag: z.string().max(50).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  isTemplate: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,10}$/, 'is not a cursor this API returned')
    .optional(),
});
export type ListWorkflowsParams = z.infer<typeof listWorkflowsParams>;

// A page of workflows, newest first; nextCursor: the `cursor` of the next page, null on the last.
export const listWorkflowsAnswer = z
  .object({ items: z.array(workflowAnswer), nextCursor: z.string().nullable() })
  .describe('A page of workflows');
