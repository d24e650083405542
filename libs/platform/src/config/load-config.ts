import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// Parses the environment with the app's schema. Every problem names the variable, so a wrong or
// missing value stops the app with a message an operator can act on.
export function loadConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}${describeReceived(env, i.path)}`));
}

function describeReceived(env: NodeJS.ProcessEnv, path: PropertyKey[]): string {
  const key = String(path[0]);
  if (!(key in env)) return ' (not set)';
  return /SECRET|PASSWORD|TOKEN|KEY/i.test(key) ? ' (value hidden)' : ` (got "${env[key]}")`;
}

// Building blocks for app schemas.
export const env = {
  // 0 asks the OS for a free port (tests).
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  host: () => z.string().min(1).default('127.0.0.1'),
  postgresUrl: (database: string) =>
    z
      .string()
      .default(`postgres://postgres@127.0.0.1:5432/${database}`)
      .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL'),
  kafkaBrokers: () =>
    z
      .string()
      .default('127.0.0.1:9092')
      .transform((v) =>
        v
          .split(',')
          .map((b) => b.trim())
          .filter(Boolean),
      )
      .refine((list) => list.length > 0 && list.every((b) => /^[^:\s]+:\d+$/.test(b)), 'must be host:port[,host:port]'),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  secret: (minLength = 32) => z.string().min(minLength, `must be at least ${minLength} characters`),
  optional: () =>
    z
      .string()
      .optional()
      .transform((v) => (v === '' ? undefined : v)),
};

export const commonEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: env.logLevel(),
  KAFKA_BROKERS: env.kafkaBrokers(),
  KAFKA_CLIENT_ID_SUFFIX: z.string().default(''),
  // Prefixes every topic name: lets tests and parallel environments share one broker.
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-z0-9._-]*$/)
    .default(''),
  // Partitions of the topics this app creates (tests use 1 to keep the broker small).
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(64).default(3),
  INTERNAL_API_TOKEN: env.secret(32),
  // When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>` (docs/adr/0013).
  METRICS_TOKEN: env.optional().refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters'),
  DATABASE_SSL_CA: env.optional(),
});
export type CommonEnv = z.infer<typeof commonEnvSchema>;
