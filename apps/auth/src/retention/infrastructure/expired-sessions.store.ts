import { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '@mindhill/persistence';

// SQL forms of the rules in domain/session-retention.ts: ended (expired, idled out or revoked)
// before the cutoff; a token expired or used before it.
const SESSION_ENDED = `LEAST(s.expires_at, s.idle_expires_at, COALESCE(s.invalidated_at, 'infinity')) < ?`;
const TOKEN_ENDED = `LEAST(t.expires_at, COALESCE(t.consumed_at, 'infinity')) < ?`;

export async function countExpired(
  em: EntityManager,
  cutoff: string,
): Promise<{ sessions: number; rotatedRefreshTokens: number; userTokens: number }> {
  const [row] = await executeBound<{ sessions: string; rotated: string; tokens: string }>(
    em,
    `SELECT (SELECT count(*) FROM application_sessions s WHERE ${SESSION_ENDED}) AS sessions,
            (SELECT count(*) FROM rotated_refresh_tokens r JOIN application_sessions s ON s.session_id = r.session_id WHERE ${SESSION_ENDED}) AS rotated,
            (SELECT count(*) FROM user_tokens t WHERE ${TOKEN_ENDED}) AS tokens`,
    [cutoff, cutoff, cutoff],
  );
  return { sessions: Number(row?.sessions ?? 0), rotatedRefreshTokens: Number(row?.rotated ?? 0), userTokens: Number(row?.tokens ?? 0) };
}

export async function findExpiredSessions(
  em: EntityManager,
  cutoff: string,
  limit: number,
): Promise<{ sessionId: string; rotated: number }[]> {
  const rows = await executeBound<{ session_id: string; rotated: string }>(
    em,
    `SELECT s.session_id, (SELECT count(*) FROM rotated_refresh_tokens r WHERE r.session_id = s.session_id) AS rotated
       FROM application_sessions s WHERE ${SESSION_ENDED} ORDER BY s.id LIMIT ?`,
    [cutoff, limit],
  );
  return rows.map((r) => ({ sessionId: r.session_id, rotated: Number(r.rotated) }));
}

export async function findExpiredUserTokens(em: EntityManager, cutoff: string, limit: number): Promise<string[]> {
  const rows = await executeBound<{ token_hash: string }>(
    em,
    `SELECT t.token_hash FROM user_tokens t WHERE ${TOKEN_ENDED} ORDER BY t.created_at LIMIT ?`,
    [cutoff, limit],
  );
  return rows.map((r) => r.token_hash);
}
