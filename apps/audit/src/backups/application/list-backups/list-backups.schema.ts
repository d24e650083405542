import { z } from 'zod';
import { isoTimestamp } from '@mindhill/platform';

// GET /admin/backups: the backup sets and whether the newest is overdue.
export const backupOverviewAnswer = z
  .object({
    configured: z.boolean(),
    frequencyHours: z.number(),
    retentionDays: z.number(),
    lastBackupAt: isoTimestamp().nullable(),
    lastBackupAgeHours: z.number().nullable(),
    overdue: z.boolean().describe('No set, or the newest older than twice the frequency'),
    sets: z.array(
      z.object({
        set: z.string(),
        createdAt: isoTimestamp(),
        databases: z.array(z.object({ app: z.string(), sizeBytes: z.number().int(), storedEvents: z.number().int() })),
        kafkaPositions: z.boolean(),
      }),
    ),
  })
  .describe('The backup sets');
