import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';
import { defineRetentionApplied } from '../retention-receipt';

// Rendered files of report runs finished more than report_file_retention_days ago, deleted by a
// retention run (a batch per event): the runs stay, marked file-expired, and a download of one
// answers 410 REPORTING.FILE_EXPIRED.
export const reportFilesExpired = defineEvent({
  type: 'reporting.report-execution.file-expired',
  version: 1,
  aggregateType: 'report-execution',
  topic: topicName('reporting', 'report-execution'),
  schema: z.object({
    runId: z.uuid(),
    reportExecutionIds: z.array(z.uuid()),
    retentionDays: z.number().int().positive(),
    cutoff: z.iso.datetime({ offset: true }),
    expiredAt: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'admin',
    action: 'expire-report-files',
    resourceType: 'report-execution',
    severity: 'medium',
    resourceName: (p) => `${p.reportExecutionIds.length} report file(s) before ${p.cutoff}`,
    newValues: (p) => ({ expired: p.reportExecutionIds.length, retentionDays: p.retentionDays, cutoff: p.cutoff }),
  },
});

export const reportingRetentionApplied = defineRetentionApplied('reporting');
