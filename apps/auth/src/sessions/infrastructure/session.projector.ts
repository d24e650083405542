import { isIP } from 'node:net';
import { EntityManager } from '@mikro-orm/postgresql';
import { EventEnvelope, sessionCreated, sessionRefreshed, sessionRevoked, StoredPayload } from '@mindhill/contracts';
import { Projector } from '@mindhill/persistence';

// application_sessions and the rotated refresh-token hashes, from the session streams.
export const sessionProjector: Projector = {
  name: 'sessions',
  handles: [sessionCreated.type, sessionRefreshed.type, sessionRevoked.type],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    if (event.type === sessionCreated.type) {
      const p = event.payload as StoredPayload<typeof sessionCreated>;
      await em.execute(
        `INSERT INTO application_sessions (session_id, user_id, user_agent, ip_address, device_type, browser_name, browser_version, os_name, os_version,
           refresh_token_hash, last_activity_at, idle_expires_at, created_at, expires_at)
         VALUES (?, (SELECT id FROM users WHERE uuid = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          p.sessionId,
          p.userId,
          p.userAgent,
          p.ip && isIP(p.ip) ? p.ip : null,
          p.deviceType,
          p.browserName,
          p.browserVersion,
          p.osName,
          p.osVersion,
          p.refreshTokenHash,
          p.createdAt,
          p.idleExpiresAt,
          p.createdAt,
          p.expiresAt,
        ],
        'run',
      );
    } else if (event.type === sessionRefreshed.type) {
      const p = event.payload as StoredPayload<typeof sessionRefreshed>;
      await em.execute(
        'UPDATE application_sessions SET refresh_token_hash = ?, last_activity_at = ?, idle_expires_at = ? WHERE session_id = ?',
        [p.refreshTokenHash, p.lastActivityAt, p.idleExpiresAt, p.sessionId],
        'run',
      );
      await em.execute(
        'INSERT INTO rotated_refresh_tokens (token_hash, session_id, rotated_at) VALUES (?, ?, ?)',
        [p.previousRefreshTokenHash, p.sessionId, p.lastActivityAt],
        'run',
      );
    } else if (event.type === sessionRevoked.type) {
      const p = event.payload as StoredPayload<typeof sessionRevoked>;
      await em.execute(
        'UPDATE application_sessions SET is_active = false, invalidated_at = ?, revoked_reason = ? WHERE session_id = ?',
        [p.revokedAt, p.reason, p.sessionId],
        'run',
      );
    }
  },
};
