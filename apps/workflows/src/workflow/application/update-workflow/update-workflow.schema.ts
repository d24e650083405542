import { z } from 'zod';
import { definitionFields, requestSharingFields } from '../../domain/workflow-definition';

// PATCH /api/v1/workflows/:id: the fields to change.
export const updateWorkflowBody = z
  .strictObject({
    name: definitionFields.name.optional(),
    description: definitionFields.description.optional(),
    configuration: definitionFields.configuration.optional(),
    scheduleCron: definitionFields.scheduleCron.optional(),
    scheduleTimezone: definitionFields.scheduleTimezone.optional(),
    timeoutMinutes: definitionFields.timeoutMinutes.optional(),
    maxRetries: definitionFields.maxRetries.optional(),
    category: definitionFields.category.optional(),
    tags: definitionFields.tags.optional(),
    // The whole list: it replaces the declared inputs.
    inputs: definitionFields.inputs.optional(),
    ...requestSharingFields,
    // Optimistic concurrency: refused with 409 WORKFLOWS.VERSION_CONFLICT unless the workflow is
    // still at this (definition) version.
    expectedVersion: z.number().int().min(1).optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'expectedVersion'), { message: 'name at least one field to change' });
export type UpdateWorkflowBody = z.infer<typeof updateWorkflowBody>;
