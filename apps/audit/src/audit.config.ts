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
});
export type AuditConfig = z.infer<typeof auditEnvSchema>;

export function loadAuditConfig(source: NodeJS.ProcessEnv = process.env): AuditConfig {
  return loadConfig(auditEnvSchema, source);
}
