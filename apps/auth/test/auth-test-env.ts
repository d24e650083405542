import { randomBytes } from 'node:crypto';

// What the auth tests set beyond the platform's test environment: a TOTP encryption key of
// their own (unset, it would be derived from JWT_SECRET), and room for the many logins and
// second steps one test file makes from one address (the gateway limits those per minute).
export function authTestEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { AUTH_TOTP_KEY: randomBytes(32).toString('base64'), GATEWAY_LOGIN_RATE_PER_MINUTE: '1000', ...extra };
}
