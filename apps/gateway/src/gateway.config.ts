import path from 'node:path';
import { z } from 'zod';
import { commonEnvSchema, env, loadConfig } from '@mindhill/platform';

const upstream = (port: number) => z.url({ protocol: /^https?$/ }).default(`http://127.0.0.1:${port}`);

const gatewayEnvSchema = commonEnvSchema.extend({
  GATEWAY_PORT: env.port(8080),
  GATEWAY_HOST: env.host(),
  // Where the gateway reads auth's access-token public keys; by default auth's own endpoint.
  GATEWAY_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  GATEWAY_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(50 * 1_048_576)
    .default(1_048_576),
  // Comma-separated IPs/CIDRs of load balancers in front of the gateway (their X-Forwarded-For is
  // trusted). Empty: the client address is the socket's.
  GATEWAY_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  // Browser origins allowed to call the API (comma-separated); none by default.
  GATEWAY_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  // Requests per hour per signed-in user (the api_rate_limit_per_hour setting's default), and
  // login attempts per minute per client address.
  GATEWAY_RATE_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(10_000_000).default(1_000),
  GATEWAY_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  // Rate-limit counters live in Redis when set (shared by all gateway replicas), else in memory.
  REDIS_URL: env.optional().refine((v) => v === undefined || /^rediss?:\/\//.test(v), 'must be a redis:// URL'),
  GATEWAY_RATE_LIMIT_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9:._-]{1,60}$/)
    .default('mindhill-gateway-rl:'),
  // Idempotency-Key records (ADR 0022) live in Redis when REDIS_URL is set, else in memory (one
  // replica only). A kept answer larger than the cap is not kept (a replay answers 409).
  GATEWAY_IDEMPOTENCY_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9:._-]{1,60}$/)
    .default('mindhill-gateway-idem:'),
  GATEWAY_IDEMPOTENCY_TTL_SECONDS: z.coerce.number().int().min(60).max(604_800).default(86_400),
  GATEWAY_IDEMPOTENCY_MAX_ANSWER_BYTES: z.coerce.number().int().min(1_024).max(10_485_760).default(65_536),
  // JSON bodies deeper, or with longer arrays or more keys per object, are refused before parsing.
  GATEWAY_JSON_MAX_DEPTH: z.coerce.number().int().min(2).max(1_000).default(32),
  GATEWAY_JSON_MAX_ARRAY_LENGTH: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  GATEWAY_JSON_MAX_KEYS: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
  // Live run events (Server-Sent Events): a keep-alive comment every so often, a history read as
  // the caller every so often (access withdrawn mid-stream ends it), and caps on open streams per
  // user and in all, per gateway replica.
  GATEWAY_EVENTS_KEEPALIVE_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
  GATEWAY_EVENTS_RECHECK_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  GATEWAY_EVENTS_MAX_STREAMS_PER_USER: z.coerce.number().int().min(1).max(10_000).default(5),
  GATEWAY_EVENTS_MAX_STREAMS: z.coerce.number().int().min(1).max(1_000_000).default(2_000),
  GATEWAY_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  // The built web console (apps/console/dist); by default under the repository npm start runs from.
  GATEWAY_CONSOLE_DIR: env.optional(),
  AUTH_URL: upstream(3001),
  WORKFLOWS_URL: upstream(3002),
  INGESTION_URL: upstream(3003),
  PROCESSING_URL: upstream(3004),
  REPORTING_URL: upstream(3005),
  AUDIT_URL: upstream(3006),
});
export type GatewayConfig = z.infer<typeof gatewayEnvSchema> & { jwksUrl: string; consoleDir: string };

export function loadGatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = loadConfig(gatewayEnvSchema, source);
  return {
    ...parsed,
    jwksUrl: parsed.GATEWAY_JWKS_URL ?? `${parsed.AUTH_URL.replace(/\/$/, '')}/.well-known/jwks.json`,
    // scripts/run.js names the repository; tests run from it.
    consoleDir: parsed.GATEWAY_CONSOLE_DIR ?? path.join(source.MINDHILL_REPO_ROOT ?? process.cwd(), 'apps/console/dist'),
  };
}
