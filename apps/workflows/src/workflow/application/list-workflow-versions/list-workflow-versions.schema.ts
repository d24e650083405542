import { z } from 'zod';
import { isoTimestamp } from '@mindhill/platform';

// GET /api/v1/workflows/:id/versions: every saved definition, newest first.
export const listWorkflowVersionsAnswer = z
  .object({
    items: z.array(
      z.object({
        version: z.number().int(),
        definition: z.record(z.string(), z.unknown()),
        configurationHash: z.string(),
        createdBy: z.number().int().nullable(),
        createdAt: isoTimestamp(),
      }),
    ),
  })
  .describe('The versions of a workflow');
