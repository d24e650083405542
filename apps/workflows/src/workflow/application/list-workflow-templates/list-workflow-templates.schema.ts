import { z } from 'zod';
import { workflowAnswer } from '../get-workflow/get-workflow.schema';

// GET /api/v1/workflow-templates: every template, oldest first.
export const listWorkflowTemplatesAnswer = z.object({ items: z.array(workflowAnswer) }).describe('The workflow templates');
