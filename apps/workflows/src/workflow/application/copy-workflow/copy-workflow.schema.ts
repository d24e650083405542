import { z } from 'zod';
import { definitionFields } from '../../domain/workflow-definition';

// POST /api/v1/workflows/:id/copy
export const copyWorkflowBody = z.strictObject({ name: definitionFields.name.optional() });
export type CopyWorkflowBody = z.infer<typeof copyWorkflowBody>;
