import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';

// A pass over audit_logs that removed content fields (previews, texts, summaries, computed
// outputs: each contract's audit contentFields) from rows written before the contracts said to
// leave them out. Counts only: what was removed is exactly what must not be repeated here.
export const auditScrubCompleted = defineEvent({
  type: 'audit.scrub.completed',
  version: 1,
  aggregateType: 'scrub',
  topic: topicName('audit', 'scrub'),
  schema: z.object({
    runId: z.uuid(),
    trigger: z.enum(['startup', 'request']),
    scrubbed: z.number().int().nonnegative(),
    byEventType: z.record(z.string(), z.number().int().nonnegative()),
    fields: z.record(z.string(), z.array(z.string())),
    ranAt: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'admin',
    action: 'scrub',
    resourceType: 'audit-log',
    severity: 'high',
    riskLevel: 'low',
    resourceName: () => 'audit_logs',
    newValues: (p) => ({ scrubbed: p.scrubbed, byEventType: p.byEventType, fields: p.fields }),
  },
});
