import { z } from 'zod';
import { defineEvent, topicName } from './define-event';

// What a retention run of one class of data reports, dry run or not, also when nothing matched:
// `matched` what was (or would be) old enough, `removed` what went (all zero on a dry run), both
// counted per kind of thing ("contents", "blobs", "sessions", "jobs.done" …) and in bytes where
// the class has bytes. Each service appends one per run on its own retention stream.
export const RETENTION_DATA_CLASSES = ['contents', 'sessions', 'report-files', 'jobs'] as const;
export type RetentionDataClass = (typeof RETENTION_DATA_CLASSES)[number];

const counts = z.record(z.string(), z.number().int().nonnegative());

export const retentionReceiptSchema = z.object({
  runId: z.uuid(),
  dataClass: z.enum(RETENTION_DATA_CLASSES),
  dryRun: z.boolean(),
  trigger: z.enum(['schedule', 'request']),
  retentionDays: z.number().int().positive(),
  cutoff: z.iso.datetime({ offset: true }),
  matched: counts,
  removed: counts,
  matchedBytes: z.number().int().nonnegative(),
  removedBytes: z.number().int().nonnegative(),
  ranAt: z.iso.datetime({ offset: true }),
});
export type RetentionReceipt = z.infer<typeof retentionReceiptSchema>;

// `<service>.retention.applied`, on `<service>.retention.events.v1`.
export function defineRetentionApplied(service: string) {
  return defineEvent({
    type: `${service}.retention.applied`,
    version: 1,
    aggregateType: 'retention',
    topic: topicName(service, 'retention'),
    schema: retentionReceiptSchema,
    audit: {
      category: 'admin',
      action: 'retention',
      resourceType: 'retention',
      severity: 'high',
      riskLevel: 'medium',
      resourceName: (p) => (p.dryRun ? `${p.dataClass} (dry run)` : p.dataClass),
      newValues: (p) => ({
        dataClass: p.dataClass,
        dryRun: p.dryRun,
        retentionDays: p.retentionDays,
        cutoff: p.cutoff,
        matched: p.matched,
        removed: p.removed,
        matchedBytes: p.matchedBytes,
        removedBytes: p.removedBytes,
      }),
    },
  });
}
