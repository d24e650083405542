import { z } from 'zod';
import { isoTimestamp } from '@mindhill/platform';

const level = z.enum(['OK', 'WARNING', 'CRITICAL']);

// GET /admin/database-health: the seed's health queries per database (db:health), under the API's
// camelCase names.
export const databaseHealthAnswer = z
  .object({
    status: level,
    databases: z.array(
      z.object({
        app: z.string(),
        status: z.enum(['OK', 'WARNING', 'CRITICAL', 'UNREACHABLE']),
        metrics: z.array(
          z.object({ metric: z.string(), value: z.number(), status: level, warningThreshold: z.number(), criticalThreshold: z.number() }),
        ),
        largestTables: z.array(
          z.object({
            table: z.string(),
            size: z.string(),
            sizeBytes: z.number(),
            live: z.number(),
            dead: z.number(),
            deadPercent: z.number(),
            seqScans: z.number(),
            indexScans: z.number(),
            lastAutovacuum: isoTimestamp().nullable(),
          }),
        ),
      }),
    ),
    backup: z.object({
      lastBackupAt: isoTimestamp().nullable(),
      lastBackupAgeHours: z.number().nullable(),
      frequencyHours: z.number(),
      overdue: z.boolean(),
    }),
    alerts: z.array(z.string()).describe('What an operator should look at now, in words'),
  })
  .describe('The health of the databases and of the backups');
export type DatabaseHealthAnswer = z.infer<typeof databaseHealthAnswer>;
