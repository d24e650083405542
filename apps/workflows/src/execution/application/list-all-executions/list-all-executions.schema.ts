import { z } from 'zod';
import { executionStatusSchema, triggerSchema } from '@mindhill/contracts';
import { decodeExecutionCursor, ExecutionCursor } from './execution-cursor';

// GET /api/v1/executions: the runs of every workflow the caller may see, newest first.
// from (inclusive) and to (exclusive) bound the run's creation time.
export const listAllExecutionsParams = z
  .strictObject({
    status: executionStatusSchema.optional(),
    workflowId: z.uuid().optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    triggeredBy: triggerSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z
      .string()
      .max(200)
      .transform((raw, ctx): ExecutionCursor => {
        const cursor = decodeExecutionCursor(raw);
        if (!cursor) ctx.addIssue({ code: 'custom', message: 'is not a cursor this API returned' });
        return cursor ?? { t: '0', id: 0 };
      })
      .optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: 'from must not be after to', path: ['from'] });
export type ListAllExecutionsParams = z.infer<typeof listAllExecutionsParams>;
