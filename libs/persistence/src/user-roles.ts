import { EntityManager } from '@mikro-orm/postgresql';
import {
  EventEnvelope,
  PublicPayload,
  userCreated,
  userDeactivated,
  userDeleted,
  userRegistered,
  userRoleChanged,
} from '@mindhill/contracts';
import { UserRoleEntry } from './user-role.entity';

// user_roles: each user's current role and whether the account is active, kept from the auth
// user events by the services that act on behalf of a resource's owner (workflows' runs,
// reporting's renders). The owner's privilege is read from here when it is used, never frozen
// when the resource was created, so a demoted or deactivated admin loses it at once.
export const USER_ROLES_V1_SQL = [
  `CREATE TABLE user_roles (
    user_number INTEGER PRIMARY KEY,
    user_id UUID NOT NULL UNIQUE,
    role VARCHAR(20) NOT NULL,
    active BOOLEAN NOT NULL DEFAULT true,
    updated_at TIMESTAMPTZ NOT NULL
  )`,
];
export const USER_ROLES_V1_DOWN_SQL = ['DROP TABLE user_roles'];

export const USER_ROLE_EVENTS = [userRegistered, userCreated, userRoleChanged, userDeactivated, userDeleted] as const;
export const USER_ROLE_EVENT_TYPES: ReadonlySet<string> = new Set(USER_ROLE_EVENTS.map((d) => d.type));

export type UserRoleChange =
  | { kind: 'added'; userNumber: number; userId: string; role: string }
  | { kind: 'role'; userId: string; role: string }
  | { kind: 'inactive'; userId: string };

// What one auth user event changes in user_roles (role-changed, deactivated and deleted name the
// user by id only; the events of one user arrive in order, keyed by it).
export function userRoleChange(event: Pick<EventEnvelope, 'type' | 'payload'>): UserRoleChange | null {
  switch (event.type) {
    case userRegistered.type:
    case userCreated.type: {
      const p = event.payload as PublicPayload<typeof userRegistered> | PublicPayload<typeof userCreated>;
      return { kind: 'added', userNumber: p.userNumber, userId: p.userId, role: p.role };
    }
    case userRoleChanged.type: {
      const p = event.payload as PublicPayload<typeof userRoleChanged>;
      return { kind: 'role', userId: p.userId, role: p.newRole };
    }
    case userDeactivated.type:
    case userDeleted.type:
      return { kind: 'inactive', userId: (event.payload as PublicPayload<typeof userDeactivated>).userId };
    default:
      return null;
  }
}

// Admin privilege: an active account whose current role is admin. No row (an unknown user, or
// one whose events have not arrived yet) is no privilege.
export function isActiveAdmin(row: { role: string; active: boolean } | null | undefined): boolean {
  return row?.role === 'admin' && row.active === true;
}

// The same rule in SQL, for a query that reads the owner's number from `column`.
export const activeAdminSql = (column: string) =>
  `EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_number = ${column} AND ur.role = 'admin' AND ur.active)`;

export async function recordUserRole(em: EntityManager, event: EventEnvelope<Record<string, unknown>>): Promise<void> {
  const change = userRoleChange(event);
  if (!change) return;
  const at = new Date(event.occurredAt);
  if (change.kind === 'added') {
    // Insert or ignore in one statement: a redelivered event changes nothing.
    await em
      .createQueryBuilder(UserRoleEntry)
      .insert({ userNumber: change.userNumber, userId: change.userId, role: change.role, active: true, updatedAt: at })
      .onConflict('userNumber')
      .ignore()
      .execute();
    return;
  }
  if (change.kind === 'role') {
    await em.nativeUpdate(UserRoleEntry, { userId: change.userId }, { role: change.role, updatedAt: at });
    return;
  }
  await em.nativeUpdate(UserRoleEntry, { userId: change.userId }, { active: false, updatedAt: at });
}

export async function ownerIsActiveAdmin(em: EntityManager, userNumber: number | null): Promise<boolean> {
  if (userNumber === null) return false;
  // Read past the identity map: the row may have changed in this transaction by a native update.
  return isActiveAdmin(await em.findOne(UserRoleEntry, { userNumber }, { disableIdentityMap: true }));
}
