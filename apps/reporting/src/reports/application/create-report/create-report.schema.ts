import { z } from 'zod';
import { reportDefinitionFields } from '../../domain/report-definition.schema';

const f = reportDefinitionFields;
// The body of POST /api/v1/reports: the definition; what is left out takes REPORT_DEFAULTS.
export const createReportSchema = z.strictObject({
  reportName: f.reportName,
  reportDescription: f.reportDescription.optional(),
  reportType: f.reportType,
  category: f.category.optional(),
  reportConfig: f.reportConfig,
  dataSources: f.dataSources.optional(),
  filters: f.filters.optional(),
  grouping: f.grouping.optional(),
  sorting: f.sorting.optional(),
  outputFormats: f.outputFormats.optional(),
  emailRecipients: f.emailRecipients.optional(),
  webhookUrl: f.webhookUrl.optional(),
  isScheduled: f.isScheduled.optional(),
  scheduleCron: f.scheduleCron.optional(),
  scheduleTimezone: f.scheduleTimezone.optional(),
  isPublic: f.isPublic.optional(),
  sharedWithUsers: f.sharedWithUsers.optional(),
});
export type CreateReportRequest = z.infer<typeof createReportSchema>;
