import path from 'node:path';
import { z } from 'zod';
import {
  commonEnvSchema,
  destinationOf,
  env,
  loadConfig,
  OutboundPolicy,
  outboundEnvFields,
  outboundPolicyFromConfig,
} from '@mindhill/platform';
import { parseAllowHosts } from './data-sources/domain/database-source-policy';

const ingestionEnvSchema = commonEnvSchema.extend({
  INGESTION_PORT: env.port(3003),
  INGESTION_HOST: env.host(),
  INGESTION_DATABASE_URL: env.postgresUrl('mindhill_ingestion'),
  // Fetched bytes, content-addressed (`<dir>/<sha[0..2]>/<sha>`); processing reads the same folder.
  CONTENT_STORE_DIR: z
    .string()
    .min(1)
    .default(path.join(process.cwd(), '.local', 'content-store')),
  // Encrypts data-source credentials (AES-256-GCM): the base64 of 32 random bytes.
  DATA_SOURCE_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(v), 'must be the base64 of 32 bytes'),
  // Folders `file` data sources may read (comma-separated absolute paths).
  INGESTION_FILE_ROOTS: z
    .string()
    .default(path.join(process.cwd(), '.local', 'file-sources'))
    .transform((v) =>
      v
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .refine((roots) => roots.length > 0 && roots.every((r) => path.isAbsolute(r)), 'must be absolute paths, comma-separated'),
  // How long a fetching job stays claimed without its worker's heartbeat (after a crash, another
  // worker takes it over this long after the last beat).
  // Database servers `database` sources may connect to: host[:port] (5432 when omitted),
  // comma-separated. Empty (the default): no database source can be saved or run.
  INGESTION_DATABASE_ALLOW_HOSTS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      try {
        return parseAllowHosts(v);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `must be host[:port], comma-separated: ${(error as Error).message}` });
        return z.NEVER;
      }
    }),
  // How far a webhook-timestamp may be from this service's clock, either way; a delivery id is
  // remembered for twice this long.
  INGESTION_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(10).max(3_600).default(300),
  // How often a running fetch reports progress; a fetch shorter than this reports only its outcome.
  INGESTION_PROGRESS_EVERY_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  INGESTION_JOB_LEASE_MS: z.coerce.number().int().min(500).max(600_000).default(15_000),
  INGESTION_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  // What `api` sources may reach besides public addresses (see the outbound guard).
  ...outboundEnvFields,
});
export type IngestionConfig = z.infer<typeof ingestionEnvSchema> & { platformDatabases: string[] };

// The services that own a database; `database` sources must never reach one of them.
const DATABASE_SERVICES = ['auth', 'workflows', 'ingestion', 'processing', 'reporting', 'audit'] as const;

// Each service's database name, from its <SERVICE>_DATABASE_URL when this process sees it and
// the default `mindhill_<service>` otherwise (both are refused when both are known).
export function platformDatabaseNames(source: NodeJS.ProcessEnv): string[] {
  const names = new Set<string>();
  for (const service of DATABASE_SERVICES) {
    names.add(`mindhill_${service}`);
    const url = source[`${service.toUpperCase()}_DATABASE_URL`];
    if (!url) continue;
    try {
      const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
      if (name) names.add(name);
    } catch {
      // the owning service validates its own URL
    }
  }
  return [...names];
}

export function loadIngestionConfig(source: NodeJS.ProcessEnv = process.env): IngestionConfig {
  return { ...loadConfig(ingestionEnvSchema, source), platformDatabases: platformDatabaseNames(source) };
}

// The outbound policy of `api` sources: the allow rules from the environment, and this service's
// own port, brokers and database refused whatever they allow.
export function ingestionOutboundPolicy(config: IngestionConfig): OutboundPolicy {
  return outboundPolicyFromConfig(config, {
    ownPorts: [config.INGESTION_PORT],
    ownDestinations: [...config.KAFKA_BROKERS, destinationOf(config.INGESTION_DATABASE_URL, 5432)].filter((d): d is string => d !== null),
  });
}
