import { z } from 'zod';
import { workflowInputSchema, workflowStatusSchema } from '@mindhill/contracts';
import { isoTimestamp } from '@mindhill/platform';

// The API's view of a workflow (toWorkflowView): the answer of every workflow route.
export const workflowAnswer = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    status: workflowStatusSchema,
    configuration: z.record(z.string(), z.unknown()),
    configurationHash: z.string(),
    scheduleCron: z.string().nullable(),
    scheduleTimezone: z.string(),
    timeoutMinutes: z.number().int(),
    maxRetries: z.number().int(),
    category: z.string().nullable(),
    tags: z.array(z.string()),
    inputs: z.array(workflowInputSchema),
    version: z.number().int(),
    isTemplate: z.boolean(),
    templateName: z.string().nullable(),
    createdBy: z.number().int().nullable(),
    updatedBy: z.number().int().nullable(),
    isPublic: z.boolean(),
    sharedWithUsers: z.array(z.number().int()),
    parentWorkflowId: z.uuid().nullable(),
    statistics: z.object({
      totalExecutions: z.number().int(),
      successfulExecutions: z.number().int(),
      failedExecutions: z.number().int(),
      lastExecutionAt: isoTimestamp().nullable(),
      averageDurationMinutes: z.number().nullable(),
    }),
    createdAt: isoTimestamp(),
    updatedAt: isoTimestamp(),
    archivedAt: isoTimestamp().nullable(),
  })
  .describe('A workflow');
export type WorkflowAnswer = z.infer<typeof workflowAnswer>;
