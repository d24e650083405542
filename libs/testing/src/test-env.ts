import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Settings every in-process app needs in a test: secrets, a topic prefix of its own so files
// running side by side never see each other's events, and quiet logs.
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const prefix = `t${randomBytes(4).toString('hex')}.`;
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_TOPIC_PARTITIONS: '1',
    INTERNAL_API_TOKEN: randomBytes(24).toString('hex'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    // Ingestion writes fetched bytes here and processing reads them (shared, content-addressed).
    CONTENT_STORE_DIR: mkdtempSync(path.join(tmpdir(), 'mindhill-content-')),
    REPORT_OUTPUT_DIR: mkdtempSync(path.join(tmpdir(), 'mindhill-reports-')),
    // Mail without SMTP_URL is written here, one .eml per mail (MailTransport).
    MAIL_LOCAL_DIR: mkdtempSync(path.join(tmpdir(), 'mindhill-mail-')),
    DATA_SOURCE_SECRET_KEY: randomBytes(32).toString('base64'),
    AUTH_TOTP_KEY: randomBytes(32).toString('base64'),
    ...overrides,
  };
}
