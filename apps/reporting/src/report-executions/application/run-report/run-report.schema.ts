import { z } from 'zod';
import { reportFiltersSchema } from '../../../reports/domain/report-model';

// `format` is any string here so an unrenderable one gets its own code (FORMAT_NOT_SUPPORTED).
export const runReportSchema = z.strictObject({
  format: z.string().min(1).max(20),
  filters: reportFiltersSchema.optional(),
  executionName: z.string().trim().min(1).max(200).optional(),
});
export type RunReportRequest = z.infer<typeof runReportSchema>;
