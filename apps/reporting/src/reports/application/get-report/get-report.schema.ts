import { z } from 'zod';
import { isoTimestamp, pageOf } from '@mindhill/platform';
import { reportDefinitionFields } from '../../domain/report-definition.schema';

// The API's view of a report (ReportView): its definition as saved, and its run facts.
export const reportAnswer = z
  .object({
    ...reportDefinitionFields,
    id: z.uuid(),
    number: z.number().int(),
    status: z.enum(['active', 'inactive', 'archived']),
    createdBy: z.number().int().nullable(),
    runCount: z.number().int(),
    lastRunAt: isoTimestamp().nullable(),
    lastRunStatus: z.string().nullable(),
    averageGenerationTimeSeconds: z.number().nullable(),
    nextRunAt: isoTimestamp().nullable(),
    createdAt: isoTimestamp(),
    updatedAt: isoTimestamp(),
    archivedAt: isoTimestamp().nullable(),
  })
  .describe('A report');

export const reportPageAnswer = pageOf(reportAnswer).describe('A page of reports');
