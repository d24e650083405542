import { REDACTED } from '@mindhill/domain';

// Credentials that travel in headers: the user's bearer token and cookies, the gateway's internal
// token and the identity it forwards (an e-mail, an IP), API keys.
const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'x-internal-token', 'x-mindhill-actor', 'x-api-key'] as const;

// Request body fields that carry a password, a token or a one-time code (auth's request schemas).
const SECRET_BODY_FIELDS = [
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'changeToken',
  'mfaToken',
  'code',
  'backupCode',
  'secret',
] as const;

// pino's `redact` paths, applied as a line is written, after serializers and to child bindings,
// which the redactSecrets pass (formatters.log) does not see: a logged `req` object, a bare
// `headers` or `body` never carries these in clear. No leading wildcards: pino would try those on
// every key of every line, and each path costs on every line that has its first key.
export const LOG_REDACT_PATHS: readonly string[] = [
  ...SECRET_HEADERS.flatMap((h) => [`req.headers["${h}"]`, `headers["${h}"]`]),
  ...['password', 'currentPassword', 'newPassword'].map((f) => `req.body.${f}`),
  ...SECRET_BODY_FIELDS.map((f) => `body.${f}`),
];

export const LOG_REDACTION = { paths: [...LOG_REDACT_PATHS], censor: REDACTED };
