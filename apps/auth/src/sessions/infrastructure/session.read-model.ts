import { isUuid } from '@mindhill/platform';
import { EntityManager } from '@mikro-orm/postgresql';
import { UserRole } from '@mindhill/contracts';
import { SessionState } from '../domain/session.decider';

export type SessionRow = {
  session_id: string;
  user_uuid: string;
  user_agent: string | null;
  ip_address: string | null;
  device_type: string | null;
  browser_name: string | null;
  browser_version: string | null;
  os_name: string | null;
  os_version: string | null;
  is_active: boolean;
  last_activity_at: Date;
  idle_expires_at: Date;
  created_at: Date;
  expires_at: Date;
  invalidated_at: Date | null;
  revoked_reason: string | null;
};

const SELECT = `SELECT s.*, host(s.ip_address) AS ip_address, u.uuid AS user_uuid FROM application_sessions s JOIN users u ON u.id = s.user_id`;

export async function sessionByRefreshHash(em: EntityManager, hash: string): Promise<SessionRow | null> {
  const [row] = await em.execute<SessionRow[]>(`${SELECT} WHERE s.refresh_token_hash = ? FOR UPDATE OF s`, [hash]);
  return row ?? null;
}

export async function sessionByRotatedHash(em: EntityManager, hash: string): Promise<SessionRow | null> {
  const [row] = await em.execute<SessionRow[]>(
    `${SELECT} JOIN rotated_refresh_tokens r ON r.session_id = s.session_id WHERE r.token_hash = ?`,
    [hash],
  );
  return row ?? null;
}

export async function sessionById(em: EntityManager, sessionId: string): Promise<SessionRow | null> {
  if (!isUuid(sessionId)) return null;
  const [row] = await em.execute<SessionRow[]>(`${SELECT} WHERE s.session_id = ?`, [sessionId]);
  return row ?? null;
}

export async function activeSessionsOf(em: EntityManager, userUuid: string): Promise<SessionRow[]> {
  return em.execute<SessionRow[]>(`${SELECT} WHERE u.uuid = ? AND s.is_active = true ORDER BY s.last_activity_at DESC`, [userUuid]);
}

// The decider's view of a session row.
export function sessionStateOf(s: SessionRow): SessionState {
  return {
    sessionId: s.session_id,
    userId: s.user_uuid,
    isActive: s.is_active,
    idleExpiresAt: new Date(s.idle_expires_at),
    expiresAt: new Date(s.expires_at),
  };
}

export type SessionUser = { uuid: string; id: number; email: string; role: UserRole };

// The session's user when the account is live and active (a refresh signs in as them again).
export async function activeSessionUser(em: EntityManager, userUuid: string): Promise<SessionUser | null> {
  const [row] = await em.execute<SessionUser[]>(
    'SELECT uuid, id, email, role FROM users WHERE uuid = ? AND deleted_at IS NULL AND is_active = true',
    [userUuid],
  );
  return row ? { ...row, id: Number(row.id) } : null;
}

export function toSessionView(s: SessionRow, currentSessionId: string | null) {
  return {
    id: s.session_id,
    current: s.session_id === currentSessionId,
    isActive: s.is_active,
    deviceType: s.device_type,
    browser: s.browser_name ? `${s.browser_name} ${s.browser_version ?? ''}`.trim() : null,
    os: s.os_name ? `${s.os_name} ${s.os_version ?? ''}`.trim() : null,
    ip: s.ip_address,
    createdAt: iso(s.created_at),
    lastActivityAt: iso(s.last_activity_at),
    idleExpiresAt: iso(s.idle_expires_at),
    expiresAt: iso(s.expires_at),
  };
}

// Raw queries hand timestamps back as strings or Dates depending on the driver's mapping.
function iso(value: Date | string): string {
  return new Date(value).toISOString();
}
