import { z } from 'zod';
import { commonEnvSchema, env, loadConfig } from '@mindhill/platform';

const auditEnvSchema = commonEnvSchema.extend({
  AUDIT_PORT: env.port(3006),
  AUDIT_HOST: env.host(),
  AUDIT_DATABASE_URL: env.postgresUrl('mindhill_audit'),
});
export type AuditConfig = z.infer<typeof auditEnvSchema>;

export function loadAuditConfig(source: NodeJS.ProcessEnv = process.env): AuditConfig {
  return loadConfig(auditEnvSchema, source);
}
