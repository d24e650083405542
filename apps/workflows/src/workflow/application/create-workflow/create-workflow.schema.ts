import { z } from 'zod';
import { definitionFields, requestSharingFields } from '../../domain/workflow-definition';

// POST /api/v1/workflows
export const createWorkflowBody = z.strictObject({
  name: definitionFields.name,
  description: definitionFields.description.optional(),
  configuration: definitionFields.configuration,
  scheduleCron: definitionFields.scheduleCron.optional(),
  scheduleTimezone: definitionFields.scheduleTimezone.default('UTC'),
  // Omitted: the default_workflow_timeout setting at the time of creation.
  timeoutMinutes: definitionFields.timeoutMinutes.optional(),
  maxRetries: definitionFields.maxRetries.default(3),
  category: definitionFields.category.optional(),
  tags: definitionFields.tags.default([]),
  inputs: definitionFields.inputs.default([]),
  status: z.enum(['active', 'inactive']).default('inactive'),
  ...requestSharingFields,
});
export type CreateWorkflowBody = z.infer<typeof createWorkflowBody>;
