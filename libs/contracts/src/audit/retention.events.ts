import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';
import { defineRetentionApplied } from '../retention-receipt';

// A retention run over audit_logs: each row is removed once its own retention_period_days have
// passed (seed errata 5). A dry run only reports what would go.
export const auditRetentionCompleted = defineEvent({
  type: 'audit.retention.completed',
  version: 1,
  aggregateType: 'retention',
  topic: topicName('audit', 'retention'),
  schema: z.object({
    runId: z.uuid(),
    dryRun: z.boolean(),
    trigger: z.enum(['schedule', 'request']),
    matched: z.number().int().nonnegative(),
    deleted: z.number().int().nonnegative(),
    byCategory: z.record(z.string(), z.number().int().nonnegative()),
    oldestRemaining: z.iso.datetime({ offset: true }).nullable(),
    ranAt: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'admin',
    action: 'retention',
    resourceType: 'audit-log',
    severity: 'high',
    riskLevel: 'medium',
    resourceName: (p) => (p.dryRun ? 'audit_logs (dry run)' : 'audit_logs'),
    newValues: (p) => ({ dryRun: p.dryRun, matched: p.matched, deleted: p.deleted, byCategory: p.byCategory }),
  },
});

// Receipt of a retention run of another class of audit's data (its finished jobs).
export const auditRetentionApplied = defineRetentionApplied('audit');
