import { z } from 'zod';
import { commonEnvSchema, env, loadConfig } from '@mindhill/platform';

const authEnvSchema = commonEnvSchema.extend({
  AUTH_PORT: env.port(3001),
  AUTH_HOST: env.host(),
  AUTH_DATABASE_URL: env.postgresUrl('mindhill_auth'),
  JWT_SECRET: env.secret(32),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  // Failed logins in a row that lock an account, and for how long.
  AUTH_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  AUTH_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  // A session ends after this long without a refresh, and in any case after the absolute limit.
  AUTH_SESSION_IDLE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
  AUTH_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24 * 30),
  ADMIN_EMAIL: env.optional(),
  ADMIN_PASSWORD: env.optional(),
}).refine((v) => Boolean(v.ADMIN_EMAIL) === Boolean(v.ADMIN_PASSWORD), {
  message: 'set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither',
  path: ['ADMIN_PASSWORD'],
});

export type AuthConfig = z.infer<typeof authEnvSchema>;

export function loadAuthConfig(source: NodeJS.ProcessEnv = process.env): AuthConfig {
  return loadConfig(authEnvSchema as unknown as z.ZodObject, source) as AuthConfig;
}
