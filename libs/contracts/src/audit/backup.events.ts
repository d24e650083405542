import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';

// A backup set taken by audit (on schedule, every backup_frequency_hours, or on an admin's
// request) and the sets its retention removed; or why it failed. Never a database URL.
const BACKUP_TOPIC = topicName('audit', 'backup');

export const backupCompleted = defineEvent({
  type: 'audit.backup.completed',
  version: 1,
  aggregateType: 'backup',
  topic: BACKUP_TOPIC,
  schema: z.object({
    backupId: z.uuid(),
    set: z.string().min(1).max(200),
    trigger: z.enum(['schedule', 'request']),
    databases: z.array(
      z.object({ app: z.string(), sizeBytes: z.number().int().nonnegative(), storedEvents: z.number().int().nonnegative() }),
    ),
    kafkaPositions: z.boolean(),
    durationMs: z.number().int().nonnegative(),
    removedSets: z.array(z.string()),
    ranAt: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'admin',
    action: 'backup',
    resourceType: 'backup',
    severity: 'medium',
    riskLevel: 'low',
    resourceName: (p) => p.set,
    newValues: (p) => ({ trigger: p.trigger, databases: p.databases.length, removedSets: p.removedSets }),
  },
});

export const backupFailed = defineEvent({
  type: 'audit.backup.failed',
  version: 1,
  aggregateType: 'backup',
  topic: BACKUP_TOPIC,
  schema: z.object({
    backupId: z.uuid(),
    trigger: z.enum(['schedule', 'request']),
    errorCode: z.string().min(1).max(100),
    errorMessage: z.string().max(2000),
    ranAt: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'admin',
    action: 'backup',
    resourceType: 'backup',
    severity: 'high',
    riskLevel: 'high',
    resourceName: (p) => `backup ${p.backupId}`,
    newValues: (p) => ({ trigger: p.trigger, errorCode: p.errorCode }),
  },
});
