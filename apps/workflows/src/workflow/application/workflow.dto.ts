import { z } from 'zod';
import { userNumbersSchema } from '@mindhill/contracts';
import { definitionFields } from '../domain/workflow-definition';

// Sharing: who besides the owner may see the workflow (user numbers), or everyone.
const sharing = { isPublic: z.boolean().optional(), sharedWithUsers: userNumbersSchema.optional() };

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
  status: z.enum(['active', 'inactive']).default('inactive'),
  ...sharing,
});
export type CreateWorkflowBody = z.infer<typeof createWorkflowBody>;

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
    ...sharing,
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'name at least one field to change' });
export type UpdateWorkflowBody = z.infer<typeof updateWorkflowBody>;

export const copyWorkflowBody = z.strictObject({ name: definitionFields.name.optional() });

export const fromTemplateBody = z.strictObject({
  name: definitionFields.name,
  description: definitionFields.description.optional(),
  // The data sources (ingestion flux ids) every fetching stage of the template reads.
  dataSources: z.array(z.uuid()).min(1).max(50),
  // Settings per stage name, replacing the template's settings of that stage.
  stageSettings: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  timeoutMinutes: definitionFields.timeoutMinutes.optional(),
  maxRetries: definitionFields.maxRetries.optional(),
  category: definitionFields.category.optional(),
  tags: definitionFields.tags.optional(),
  status: z.enum(['active', 'inactive']).default('inactive'),
  ...sharing,
});
export type FromTemplateBody = z.infer<typeof fromTemplateBody>;

export const listWorkflowsQuery = z.strictObject({
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
export type ListWorkflowsQuery = z.infer<typeof listWorkflowsQuery>;
