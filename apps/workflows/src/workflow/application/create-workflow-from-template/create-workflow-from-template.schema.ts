import { z } from 'zod';
import { definitionFields, requestSharingFields } from '../../domain/workflow-definition';

// POST /api/v1/workflow-templates/:templateName/workflows
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
  ...requestSharingFields,
});
export type FromTemplateBody = z.infer<typeof fromTemplateBody>;
