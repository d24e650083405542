import { z } from 'zod';

// POST /audit-logs/scrub: what was removed from the audit log (runId null when nothing was).
export const scrubReportAnswer = z
  .object({
    runId: z.uuid().nullable(),
    scrubbed: z.number().int(),
    byEventType: z.record(z.string(), z.number().int()),
    fields: z.record(z.string(), z.array(z.string())),
  })
  .describe('The audit entries scrubbed');
