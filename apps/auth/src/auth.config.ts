import { hkdfSync } from 'node:crypto';
import { z } from 'zod';
import { commonEnvSchema, env, loadConfig } from '@mindhill/platform';

const base64Key32 = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)');

const authEnvSchema = commonEnvSchema
  .extend({
    AUTH_PORT: env.port(3001),
    AUTH_HOST: env.host(),
    AUTH_DATABASE_URL: env.postgresUrl('mindhill_auth'),
    JWT_SECRET: env.secret(32),
    JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
    // Access tokens are signed with Ed25519 keys auth generates and rotates this often; private
    // halves are sealed (AES-256-GCM) with AUTH_SIGNING_KEY_SECRET (see loadAuthConfig).
    AUTH_SIGNING_KEY_ROTATION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    AUTH_SIGNING_KEY_SECRET: base64Key32.optional(),
    // Failed logins in a row that lock an account, and for how long.
    AUTH_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
    AUTH_LOCKOUT_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    // A session ends after this long without a refresh, and in any case after the absolute limit.
    AUTH_SESSION_IDLE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24),
    AUTH_SESSION_ABSOLUTE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .default(24 * 30),
    // Alone, ADMIN_EMAIL names the first admin, who gets a generated one-time password.
    ADMIN_EMAIL: env.optional(),
    ADMIN_PASSWORD: env.optional(),
    // Encrypts TOTP secrets at rest (AES-256-GCM); see loadAuthConfig for the fallback.
    AUTH_TOTP_KEY: base64Key32.optional(),
    AUTH_MFA_TOKEN_SECONDS: z.coerce.number().int().min(30).max(900).default(300),
    AUTH_RESET_TOKEN_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(30),
    AUTH_VERIFY_TOKEN_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 14)
      .default(48),
    // Unset: every mail is written as one .eml file to MAIL_LOCAL_DIR instead (ADR 0018).
    SMTP_URL: env.optional().refine((v) => v === undefined || /^smtps?:\/\//.test(v), 'must be an smtp:// or smtps:// URL'),
    MAIL_FROM: z.string().min(3).default('Mind Hillmetric <no-reply@mindhill.local>'),
    MAIL_LOCAL_DIR: z.string().min(1).default('.local/mail'),
    PUBLIC_APP_URL: z.url().default('http://127.0.0.1:8080'),
  })
  .refine((v) => !v.ADMIN_PASSWORD || Boolean(v.ADMIN_EMAIL), {
    message: 'ADMIN_PASSWORD needs ADMIN_EMAIL',
    path: ['ADMIN_EMAIL'],
  });

export type AuthConfig = z.infer<typeof authEnvSchema> & {
  totpKey: Buffer;
  totpKeyDerived: boolean;
  signingKeySealKey: Buffer;
  // Derives the tokens of mailed links from their ids (ADR 0018): a queued mail keeps only the id.
  mailLinkKey: Buffer;
};
// The loaded configuration, for the context modules' policy providers.
export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

// An unset AUTH_TOTP_KEY or AUTH_SIGNING_KEY_SECRET is derived from JWT_SECRET (HKDF with a
// label of its own, stable across restarts); the service warns at start in production when the
// TOTP key is derived. JWT_SECRET itself only signs auth's own short-lived purpose tokens (the
// 2FA login step) and derives the key of the reset and verification links' tokens (ADR 0018);
// no other service reads them.
export function loadAuthConfig(source: NodeJS.ProcessEnv = process.env): AuthConfig {
  const parsed = loadConfig(authEnvSchema, source);
  const totpKey = parsed.AUTH_TOTP_KEY
    ? Buffer.from(parsed.AUTH_TOTP_KEY, 'base64')
    : Buffer.from(hkdfSync('sha256', parsed.JWT_SECRET, 'mindhill-auth', 'totp-secret-encryption', 32));
  const signingKeySealKey = parsed.AUTH_SIGNING_KEY_SECRET
    ? Buffer.from(parsed.AUTH_SIGNING_KEY_SECRET, 'base64')
    : Buffer.from(hkdfSync('sha256', parsed.JWT_SECRET, 'mindhill-auth', 'signing-key-sealing', 32));
  const mailLinkKey = Buffer.from(hkdfSync('sha256', parsed.JWT_SECRET, 'mindhill-auth', 'mail-link-tokens', 32));
  return { ...parsed, totpKey, totpKeyDerived: !parsed.AUTH_TOTP_KEY, signingKeySealKey, mailLinkKey };
}
