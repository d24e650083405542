import { EntityManager } from '@mikro-orm/postgresql';
import { userErrors } from '../domain/user.errors';
import { OneTimeTokenFacts } from '../domain/user.state';
import { User } from './user.entity';

export type UserTokenRow = {
  token_hash: string;
  user_uuid: string;
  email: string;
  purpose: string;
  expires_at: Date;
  consumed_at: Date | null;
  is_active: boolean;
};

// The token row and its (live) user, locked for the rest of the transaction.
export async function lockUserToken(
  em: EntityManager,
  hash: string,
  purpose: 'password-reset' | 'email-verification',
): Promise<UserTokenRow | null> {
  const [row] = await em.execute<UserTokenRow[]>(
    `SELECT t.token_hash, t.purpose, t.expires_at, t.consumed_at, u.uuid AS user_uuid, u.email, u.is_active
     FROM user_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = ? AND t.purpose = ? AND u.deleted_at IS NULL FOR UPDATE OF t`,
    [hash, purpose],
  );
  return row ?? null;
}

// The account a link's token belongs to and the token itself, locked; INVALID_TOKEN when no live
// account has it.
export async function lockTokenHolder(
  em: EntityManager,
  hash: string,
  purpose: 'password-reset' | 'email-verification',
): Promise<{ user: User; token: OneTimeTokenFacts }> {
  const row = await lockUserToken(em, hash, purpose);
  const user = row ? await em.findOne(User, { uuid: row.user_uuid, deletedAt: null }) : null;
  if (!row || !user) throw userErrors.invalidToken();
  return { user, token: { consumed: row.consumed_at !== null, expiresAt: new Date(row.expires_at) } };
}
