import { UserRole } from '@mindhill/contracts';

export type Upstream = 'auth' | 'workflows' | 'ingestion' | 'processing' | 'reporting' | 'audit';
export type Access = { kind: 'public' } | { kind: 'roles'; roles: readonly UserRole[] };
// raw: the body is forwarded byte for byte, whatever its type (signed webhook payloads).
// credentialGuess: a route where secrets are tried (login, second factor, reset): limited per
// client address per minute instead of per user per hour.
// idempotent: a POST that creates or starts something; it honours the Idempotency-Key header
// (ADR 0022). Only signed-in routes: keys are per user.
export type RouteRule = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  upstream: Upstream;
  access: Access;
  raw?: boolean;
  credentialGuess?: boolean;
  idempotent?: boolean;
};

export const PUBLIC: Access = { kind: 'public' };
export const ADMIN_ONLY: Access = { kind: 'roles', roles: ['admin'] };
// Viewers read; users and admins change things.
export const ANY_USER: Access = { kind: 'roles', roles: ['admin', 'user', 'viewer'] };
export const EDITORS: Access = { kind: 'roles', roles: ['admin', 'user'] };

const read = (path: string, upstream: Upstream): RouteRule => ({ method: 'GET', path, upstream, access: ANY_USER });
const write = (method: RouteRule['method'], path: string, upstream: Upstream): RouteRule => ({ method, path, upstream, access: EDITORS });
const create = (path: string, upstream: Upstream, access: Access = EDITORS): RouteRule => ({
  method: 'POST',
  path,
  upstream,
  access,
  idempotent: true,
});

// Every public route of the platform and the rule it declares. The gateway serves nothing else
// under /api: an undeclared route is a 404, never an open door.
export const ROUTES: readonly RouteRule[] = [
  { method: 'POST', path: '/api/v1/auth/register', upstream: 'auth', access: PUBLIC },
  { method: 'POST', path: '/api/v1/auth/login', upstream: 'auth', access: PUBLIC, credentialGuess: true },
  { method: 'POST', path: '/api/v1/auth/login/2fa', upstream: 'auth', access: PUBLIC, credentialGuess: true },
  { method: 'POST', path: '/api/v1/auth/password-reset/request', upstream: 'auth', access: PUBLIC, credentialGuess: true },
  { method: 'POST', path: '/api/v1/auth/password-reset/confirm', upstream: 'auth', access: PUBLIC, credentialGuess: true },
  { method: 'POST', path: '/api/v1/auth/verify-email/confirm', upstream: 'auth', access: PUBLIC, credentialGuess: true },
  { method: 'POST', path: '/api/v1/auth/verify-email/request', upstream: 'auth', access: ANY_USER },
  // Public at the edge: a first admin changes a one-time password with a change token, not a
  // session; auth itself requires one or the other.
  { method: 'POST', path: '/api/v1/auth/password/change', upstream: 'auth', access: PUBLIC, credentialGuess: true },
  { method: 'POST', path: '/api/v1/auth/2fa/setup', upstream: 'auth', access: ANY_USER },
  { method: 'POST', path: '/api/v1/auth/2fa/enable', upstream: 'auth', access: ANY_USER },
  { method: 'POST', path: '/api/v1/auth/2fa/disable', upstream: 'auth', access: ANY_USER },
  { method: 'GET', path: '/api/v1/auth/me', upstream: 'auth', access: ANY_USER },
  { method: 'PATCH', path: '/api/v1/auth/me', upstream: 'auth', access: ANY_USER },
  { method: 'GET', path: '/api/v1/auth/jwks', upstream: 'auth', access: PUBLIC },
  { method: 'GET', path: '/api/v1/auth/signing-keys', upstream: 'auth', access: ADMIN_ONLY },
  create('/api/v1/auth/signing-keys/rotate', 'auth', ADMIN_ONLY),
  { method: 'POST', path: '/api/v1/auth/refresh', upstream: 'auth', access: PUBLIC },
  { method: 'POST', path: '/api/v1/auth/logout', upstream: 'auth', access: ANY_USER },
  { method: 'GET', path: '/api/v1/auth/sessions', upstream: 'auth', access: ANY_USER },
  { method: 'DELETE', path: '/api/v1/auth/sessions/:id', upstream: 'auth', access: ANY_USER },
  { method: 'POST', path: '/api/v1/auth/sessions/revoke-all', upstream: 'auth', access: ANY_USER },
  { method: 'GET', path: '/api/v1/audit-logs', upstream: 'audit', access: ADMIN_ONLY },
  { method: 'POST', path: '/api/v1/audit-logs/retention', upstream: 'audit', access: ADMIN_ONLY },
  { method: 'GET', path: '/api/v1/admin/backups', upstream: 'audit', access: ADMIN_ONLY },
  create('/api/v1/admin/backups', 'audit', ADMIN_ONLY),
  { method: 'GET', path: '/api/v1/admin/database-health', upstream: 'audit', access: ADMIN_ONLY },
  { method: 'POST', path: '/api/v1/audit-logs/scrub', upstream: 'audit', access: ADMIN_ONLY },
  { method: 'GET', path: '/api/v1/dead-letters', upstream: 'audit', access: ADMIN_ONLY },
  { method: 'GET', path: '/api/v1/dead-letters/:id', upstream: 'audit', access: ADMIN_ONLY },
  create('/api/v1/dead-letters/:id/replay', 'audit', ADMIN_ONLY),
  { method: 'POST', path: '/api/v1/dead-letters/:id/discard', upstream: 'audit', access: ADMIN_ONLY },
  { method: 'GET', path: '/api/v1/users', upstream: 'auth', access: ADMIN_ONLY },
  create('/api/v1/users', 'auth', ADMIN_ONLY),
  { method: 'POST', path: '/api/v1/users/:id/unlock', upstream: 'auth', access: ADMIN_ONLY },
  { method: 'PATCH', path: '/api/v1/users/:id/role', upstream: 'auth', access: ADMIN_ONLY },
  { method: 'POST', path: '/api/v1/users/:id/deactivate', upstream: 'auth', access: ADMIN_ONLY },
  { method: 'DELETE', path: '/api/v1/users/:id', upstream: 'auth', access: ADMIN_ONLY },
  { method: 'GET', path: '/api/v1/settings', upstream: 'auth', access: ADMIN_ONLY },
  { method: 'GET', path: '/api/v1/settings/public', upstream: 'auth', access: ANY_USER },
  { method: 'PATCH', path: '/api/v1/settings/:key', upstream: 'auth', access: ADMIN_ONLY },

  // Workflows: definitions, versions, templates, executions, statistics.
  create('/api/v1/workflows', 'workflows'),
  read('/api/v1/workflows', 'workflows'),
  read('/api/v1/workflows/:id', 'workflows'),
  write('PATCH', '/api/v1/workflows/:id', 'workflows'),
  read('/api/v1/workflows/:id/versions', 'workflows'),
  write('POST', '/api/v1/workflows/:id/activate', 'workflows'),
  write('POST', '/api/v1/workflows/:id/deactivate', 'workflows'),
  write('POST', '/api/v1/workflows/:id/archive', 'workflows'),
  create('/api/v1/workflows/:id/copy', 'workflows'),
  read('/api/v1/workflow-templates', 'workflows'),
  create('/api/v1/workflow-templates/:templateName/workflows', 'workflows'),
  create('/api/v1/workflows/:id/executions', 'workflows'),
  create('/api/v1/workflows/:id/execute', 'workflows'),
  read('/api/v1/workflows/:id/executions', 'workflows'),
  read('/api/v1/workflows/:id/statistics', 'workflows'),
  read('/api/v1/workflows/:id/schedule', 'workflows'),
  read('/api/v1/workflow-schedules/preview', 'workflows'),
  read('/api/v1/executions', 'workflows'),
  read('/api/v1/executions/:id', 'workflows'),
  write('POST', '/api/v1/executions/:id/cancel', 'workflows'),
  // Starts a run (owner or admin, checked by workflows): idempotent like the other starts.
  create('/api/v1/executions/:id/rerun', 'workflows'),
  { method: 'POST', path: '/api/v1/executions/retention', upstream: 'workflows', access: ADMIN_ONLY },
  read('/api/v1/workflow-metrics/summary', 'workflows'),
  read('/api/v1/workflow-metrics/daily', 'workflows'),
  read('/api/v1/workflow-metrics/performance', 'workflows'),

  // Ingestion: data sources ("flux"), fetch history, fetched content; signed inbound webhooks.
  create('/api/v1/data-sources', 'ingestion'),
  read('/api/v1/data-sources', 'ingestion'),
  read('/api/v1/data-sources/:id', 'ingestion'),
  write('PATCH', '/api/v1/data-sources/:id', 'ingestion'),
  write('POST', '/api/v1/data-sources/:id/archive', 'ingestion'),
  { method: 'POST', path: '/api/v1/webhooks/:id', upstream: 'ingestion', access: PUBLIC, raw: true },
  read('/api/v1/fetchings', 'ingestion'),
  read('/api/v1/contents', 'ingestion'),
  read('/api/v1/contents/:id', 'ingestion'),

  // Processing: search over processed content, processing history.
  read('/api/v1/contents/search', 'processing'),
  read('/api/v1/processing-history', 'processing'),

  // Reporting: report definitions, runs, downloads.
  create('/api/v1/reports', 'reporting'),
  read('/api/v1/reports', 'reporting'),
  read('/api/v1/reports/:id', 'reporting'),
  write('PATCH', '/api/v1/reports/:id', 'reporting'),
  write('POST', '/api/v1/reports/:id/archive', 'reporting'),
  create('/api/v1/reports/:id/executions', 'reporting'),
  read('/api/v1/reports/:id/executions', 'reporting'),
  read('/api/v1/report-schedules/preview', 'reporting'),
  read('/api/v1/report-executions/:id', 'reporting'),
  read('/api/v1/report-executions/:id/download', 'reporting'),
  // Report deliveries: receipts of a run, the dead-letter list, resends, retention, the webhook
  // signing secret; and the signed download link of mails and webhooks, public (the HMAC-signed,
  // expiring link is the permission; anonymous calls are rate-limited per client address).
  read('/api/v1/report-executions/:id/deliveries', 'reporting'),
  read('/api/v1/report-deliveries', 'reporting'),
  create('/api/v1/report-deliveries/:id/resend', 'reporting'),
  { method: 'POST', path: '/api/v1/report-deliveries/retention', upstream: 'reporting', access: ADMIN_ONLY },
  write('POST', '/api/v1/report-deliveries/webhook-secret', 'reporting'),
  { method: 'GET', path: '/api/v1/report-downloads/:id', upstream: 'reporting', access: PUBLIC },

  // Retention of each class of data (issue 11), admins only, a dry run unless asked otherwise.
  { method: 'POST', path: '/api/v1/contents/retention', upstream: 'ingestion', access: ADMIN_ONLY },
  { method: 'POST', path: '/api/v1/auth/sessions/retention', upstream: 'auth', access: ADMIN_ONLY },
  { method: 'POST', path: '/api/v1/report-executions/retention', upstream: 'reporting', access: ADMIN_ONLY },
  // Finished jobs of each service's job queue.
  ...(['auth', 'workflows', 'ingestion', 'processing', 'reporting', 'audit'] as const).map((upstream): RouteRule => ({
    method: 'POST',
    path: `/api/v1/jobs/retention/${upstream}`,
    upstream,
    access: ADMIN_ONLY,
  })),
];
