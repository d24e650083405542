import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '@mindhill/platform';
import { NewUserIdentity } from '../domain/user.commands';
import { TwoFactorState, UserState } from '../domain/user.state';
import { userErrors } from '../domain/user.errors';
import { User } from './user.entity';

// The decider's view of a users row (the 2FA secret and codes only where a use case reads them).
export function userStateOf(user: User, twoFactor: TwoFactorState | null = null): UserState {
  return {
    userId: user.uuid,
    userNumber: user.id,
    email: user.email,
    role: user.role,
    isActive: user.isActive,
    isEmailVerified: user.isEmailVerified,
    mustChangePassword: user.mustChangePassword,
    loginCount: user.loginCount,
    failedLoginAttempts: user.failedLoginAttempts,
    lockedUntil: user.lockedUntil ?? null,
    twoFactorEnabled: user.twoFactorEnabled,
    profile: {
      displayName: user.displayName,
      firstName: user.firstName ?? null,
      lastName: user.lastName ?? null,
      timezone: user.timezone,
      language: user.language,
      notificationPreferences: user.notificationPreferences,
      uiPreferences: user.uiPreferences,
    },
    twoFactor,
  };
}

// A new account's uuid and number (numbers come from the sequence, so they stay in order).
export async function drawUserIdentity(em: EntityManager): Promise<NewUserIdentity> {
  const [{ id }] = await em.execute<{ id: string }[]>(`SELECT nextval('users_id_seq') AS id`);
  return { userId: randomUUID(), userNumber: Number(id) };
}

// Locks the live admins so that two demotions cannot each see the other as the remaining one.
export async function lockActiveAdmins(em: EntityManager): Promise<string[]> {
  const rows = await em.execute<{ uuid: string }[]>(
    `SELECT uuid FROM users WHERE role = 'admin' AND is_active = true AND deleted_at IS NULL FOR UPDATE`,
  );
  return rows.map((r) => r.uuid);
}

export function profileView(u: User) {
  return {
    id: u.uuid,
    number: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    firstName: u.firstName ?? null,
    lastName: u.lastName ?? null,
    timezone: u.timezone,
    language: u.language,
    isEmailVerified: u.isEmailVerified,
    emailVerifiedAt: u.emailVerifiedAt?.toISOString() ?? null,
    twoFactorEnabled: u.twoFactorEnabled,
    notificationPreferences: u.notificationPreferences,
    uiPreferences: u.uiPreferences,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    passwordChangedAt: u.passwordChangedAt.toISOString(),
    createdAt: u.createdAt.toISOString(),
  };
}

export function adminUserView(u: User) {
  return { id: u.uuid, email: u.email, displayName: u.displayName, role: u.role, isActive: u.isActive };
}

// The signed-in user's live row (active only where the use case says so), or UNAUTHENTICATED.
export async function signedInUser(
  em: EntityManager,
  userId: string | null,
  options: { activeOnly: boolean; withPasswordHash?: boolean },
): Promise<User> {
  const where = { uuid: userId ?? '', deletedAt: null, ...(options.activeOnly ? { isActive: true } : {}) };
  const user = userId ? await em.findOne(User, where, { populate: options.withPasswordHash ? ['passwordHash'] : [] }) : null;
  if (!user) throw userErrors.unauthenticated();
  return user;
}

// The live account an admin names by id, or USER_NOT_FOUND.
export async function administeredUser(em: EntityManager, id: string): Promise<User> {
  const user = isUuid(id) ? await em.findOne(User, { uuid: id, deletedAt: null }) : null;
  if (!user) throw userErrors.notFound(id);
  return user;
}
