import { z } from 'zod';
import { isoTimestamp } from '@mindhill/platform';

const level = z.enum(['OK', 'WARNING', 'CRITICAL']);

// GET /admin/database-health. The metrics and tables are the seed's health functions' rows, as
// they name their columns.
export const databaseHealthAnswer = z
  .object({
    status: level,
    databases: z.array(
      z.object({
        app: z.string(),
        status: z.enum(['OK', 'WARNING', 'CRITICAL', 'UNREACHABLE']),
        metrics: z.array(
          z.object({ metric: z.string(), value: z.number(), status: level, warning_threshold: z.number(), critical_threshold: z.number() }),
        ),
        largestTables: z.array(
          z.object({
            table: z.string(),
            size: z.string(),
            size_bytes: z.number(),
            live: z.number(),
            dead: z.number(),
            dead_percent: z.number(),
            seq_scans: z.number(),
            index_scans: z.number(),
            last_autovacuum: isoTimestamp().nullable(),
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
