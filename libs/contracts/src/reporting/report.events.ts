import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';

export const REPORT_TOPIC = topicName('reporting', 'report');
export const reportStatusSchema = z.enum(['active', 'inactive', 'archived']);
export const reportTypeSchema = z.enum(['summary', 'detailed', 'custom', 'scheduled']);
export const reportOutputFormatSchema = z.enum(['json', 'csv', 'html', 'xlsx', 'pdf']);

// The editable definition of a report (the service validates report_config, filters, grouping
// and sorting against its report model before any event is written).
export const reportDefinitionSchema = z.object({
  reportName: z.string(),
  reportDescription: z.string().nullable(),
  reportType: reportTypeSchema,
  category: z.string().nullable(),
  reportConfig: z.record(z.string(), z.unknown()),
  dataSources: z.array(z.unknown()).nullable(),
  filters: z.record(z.string(), z.unknown()).nullable(),
  grouping: z.record(z.string(), z.unknown()).nullable(),
  sorting: z.record(z.string(), z.unknown()).nullable(),
  outputFormats: z.array(reportOutputFormatSchema),
  emailRecipients: z.array(z.string()),
  webhookUrl: z.string().nullable(),
  isScheduled: z.boolean(),
  scheduleCron: z.string().nullable(),
  scheduleTimezone: z.string(),
  isPublic: z.boolean(),
  sharedWithUsers: z.array(z.number().int()),
});
export type ReportDefinition = z.infer<typeof reportDefinitionSchema>;

export const reportCreated = defineEvent({
  type: 'reporting.report.created',
  version: 1,
  aggregateType: 'report',
  topic: REPORT_TOPIC,
  schema: reportDefinitionSchema.extend({
    reportId: z.uuid(),
    // flux_reports.id, allocated by the command so a rebuild keeps it.
    reportNumber: z.number().int().positive(),
    status: reportStatusSchema,
    createdBy: z.number().int().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'report',
    action: 'create',
    resourceType: 'report',
    severity: 'low',
    responseStatus: 201,
    resourceName: (p) => p.reportName,
    newValues: (p) => ({
      reportName: p.reportName,
      reportType: p.reportType,
      category: p.category,
      reportConfig: p.reportConfig,
      outputFormats: p.outputFormats,
    }),
  },
});

export const reportUpdated = defineEvent({
  type: 'reporting.report.updated',
  version: 1,
  aggregateType: 'report',
  topic: REPORT_TOPIC,
  schema: z.object({
    reportId: z.uuid(),
    reportNumber: z.number().int().positive(),
    reportName: z.string(),
    // Only the fields that changed: their values before and after.
    previous: reportDefinitionSchema.extend({ status: reportStatusSchema }).partial(),
    changes: reportDefinitionSchema.extend({ status: reportStatusSchema }).partial(),
    updatedBy: z.number().int().nullable(),
    updatedAt: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'report',
    action: 'update',
    resourceType: 'report',
    severity: 'low',
    responseStatus: 200,
    resourceName: (p) => p.reportName,
    oldValues: (p) => p.previous,
    newValues: (p) => p.changes,
  },
});

export const reportArchived = defineEvent({
  type: 'reporting.report.archived',
  version: 1,
  aggregateType: 'report',
  topic: REPORT_TOPIC,
  schema: z.object({
    reportId: z.uuid(),
    reportNumber: z.number().int().positive(),
    reportName: z.string(),
    previousStatus: reportStatusSchema,
    archivedBy: z.number().int().nullable(),
    archivedAt: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'report',
    action: 'archive',
    resourceType: 'report',
    severity: 'low',
    responseStatus: 200,
    resourceName: (p) => p.reportName,
    oldValues: (p) => ({ status: p.previousStatus }),
    newValues: () => ({ status: 'archived' }),
  },
});
