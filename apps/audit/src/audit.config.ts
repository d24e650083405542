import path from 'node:path';
import { z } from 'zod';
import { commonEnvSchema, env, loadConfig } from '@mindhill/platform';

const auditEnvSchema = commonEnvSchema.extend({
  AUDIT_PORT: env.port(3006),
  AUDIT_HOST: env.host(),
  AUDIT_DATABASE_URL: env.postgresUrl('mindhill_audit'),
  // Daily retention run (UTC hour); off with AUDIT_RETENTION_ENABLED=false.
  AUDIT_RETENTION_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  AUDIT_RETENTION_HOUR_UTC: z.coerce.number().int().min(0).max(23).default(2),
  // Scheduled backup sets (docs/backup-and-restore.md): `auth=postgres://…,workflows=…`; unset, no
  // scheduled backups (npm start sets it to the six service databases).
  BACKUP_DATABASE_URLS: z.string().max(10_000).optional(),
  BACKUP_DIR: z
    .string()
    .min(1)
    .default(path.join(process.cwd(), '.local', 'backups')),
  // backup_frequency_hours and the retention of sets.
  BACKUP_FREQUENCY_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  BACKUP_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  PLATFORM_VERSION: z.string().max(50).default('0.1.0'),
  // 32 bytes, base64: every dump of a set is encrypted at rest (AES-256-GCM); a restore needs it.
  BACKUP_ENCRYPTION_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64'),
});
export type AuditConfig = z.infer<typeof auditEnvSchema>;

export function loadAuditConfig(source: NodeJS.ProcessEnv = process.env): AuditConfig {
  return loadConfig(auditEnvSchema, source);
}
