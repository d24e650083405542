import { UserRole } from '@mindhill/contracts';

export type Upstream = 'auth' | 'workflows' | 'ingestion' | 'processing' | 'reporting' | 'audit';
export type Access = { kind: 'public' } | { kind: 'roles'; roles: readonly UserRole[] };
export type RouteRule = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; upstream: Upstream; access: Access };

export const PUBLIC: Access = { kind: 'public' };
export const ADMIN_ONLY: Access = { kind: 'roles', roles: ['admin'] };
export const ANY_USER: Access = { kind: 'roles', roles: ['admin', 'user', 'viewer'] };

// Every public route of the platform and the rule it declares. The gateway serves nothing else
// under /api: an undeclared route is a 404, never an open door.
export const ROUTES: readonly RouteRule[] = [
  { method: 'POST', path: '/api/v1/auth/register', upstream: 'auth', access: PUBLIC },
  { method: 'POST', path: '/api/v1/auth/login', upstream: 'auth', access: PUBLIC },
  { method: 'GET', path: '/api/v1/audit-logs', upstream: 'audit', access: ADMIN_ONLY },
];
