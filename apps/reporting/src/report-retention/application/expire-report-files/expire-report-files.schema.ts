import { z } from 'zod';

// POST /api/v1/report-executions/retention: a dry run unless asked otherwise.
export const expireReportFilesBody = z.strictObject({ dryRun: z.boolean().default(true) });
export type ExpireReportFilesBody = z.infer<typeof expireReportFilesBody>;
