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

const reportingEnvSchema = commonEnvSchema.extend({
  REPORTING_PORT: env.port(3005),
  REPORTING_HOST: env.host(),
  REPORTING_DATABASE_URL: env.postgresUrl('mindhill_reporting'),
  // Rendered report files: `<dir>/<report uuid>/<execution uuid>.<ext>`.
  REPORT_OUTPUT_DIR: z
    .string()
    .min(1)
    .default(path.join(process.cwd(), '.local', 'reports')),
  // A run reading more source rows than this fails (REPORTING.TOO_MANY_ROWS) instead of
  // exhausting memory; rendering is in memory for now.
  REPORT_MAX_ROWS: z.coerce.number().int().min(1).max(5_000_000).default(200_000),

  // Delivery of finished runs (report-deliveries). Unset SMTP_URL: every mail is written to
  // MAIL_LOCAL_DIR as `<delivery id>.eml` and receipts say "written to the local mail folder".
  SMTP_URL: env.optional().refine((v) => v === undefined || /^smtps?:\/\//.test(v), 'must be an smtp:// or smtps:// URL'),
  MAIL_FROM: z.string().min(3).default('Mind Hillmetric <no-reply@mindhill.local>'),
  MAIL_LOCAL_DIR: z
    .string()
    .min(1)
    .default(path.join(process.cwd(), '.local', 'mail')),
  // A file larger than this travels as a signed download link instead of an attachment.
  REPORT_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(50 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  // Where signed download links point (the gateway's public address) and how long they hold.
  REPORT_LINK_BASE_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8080'),
  REPORT_LINK_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24 * 7),
  // Server secret the download-link key and every report's webhook signing secret derive from
  // (HKDF, ADR 0017); unset: derived from INTERNAL_API_TOKEN.
  REPORT_DELIVERY_SECRET: env.optional().refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters'),
  // Attempts per delivery round, and the backoff between them (doubling, with jitter).
  REPORT_DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  REPORT_DELIVERY_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  REPORT_DELIVERY_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(3_600_000),
  REPORT_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  // report_delivery_retention_days: finished deliveries older than this are removed every day,
  // and by POST /api/v1/report-deliveries/retention.
  REPORT_DELIVERY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(90),
  // The UTC hour of the daily removal.
  REPORT_DELIVERY_RETENTION_HOUR_UTC: z.coerce.number().int().min(0).max(23).default(3),
  // What webhooks may reach besides public addresses (see the outbound guard).
  ...outboundEnvFields,
  // The shortest time between two fires of a report schedule until an admin sets the live
  // setting min_schedule_interval_seconds (the same setting, and default, as workflows').
  REPORTING_MIN_SCHEDULE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
});
export type ReportingConfig = z.infer<typeof reportingEnvSchema>;

export function loadReportingConfig(source: NodeJS.ProcessEnv = process.env): ReportingConfig {
  return loadConfig(reportingEnvSchema, source);
}

// The outbound policy of report webhooks: the allow rules from the environment, and this
// service's own port, brokers and database refused whatever they allow.
export function reportingOutboundPolicy(config: ReportingConfig): OutboundPolicy {
  return outboundPolicyFromConfig(config, {
    ownPorts: [config.REPORTING_PORT],
    ownDestinations: [...config.KAFKA_BROKERS, destinationOf(config.REPORTING_DATABASE_URL, 5432)].filter((d): d is string => d !== null),
  });
}
