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
  if (change.kind === 'added') {
    await em.execute(
      `INSERT INTO user_roles (user_number, user_id, role, active, updated_at) VALUES (?, ?, ?, true, ?)
       ON CONFLICT (user_number) DO NOTHING`,
      [change.userNumber, change.userId, change.role, event.occurredAt],
      'run',
    );
    return;
  }
  if (change.kind === 'role') {
    await em.execute(
      'UPDATE user_roles SET role = ?, updated_at = ? WHERE user_id = ?',
      [change.role, event.occurredAt, change.userId],
      'run',
    );
    return;
  }
  await em.execute('UPDATE user_roles SET active = false, updated_at = ? WHERE user_id = ?', [event.occurredAt, change.userId], 'run');
}

export async function ownerIsActiveAdmin(em: EntityManager, userNumber: number | null): Promise<boolean> {
  if (userNumber === null) return false;
  const [row] = await em.execute<{ role: string; active: boolean }[]>('SELECT role, active FROM user_roles WHERE user_number = ?', [
    userNumber,
  ]);
  return isActiveAdmin(row);
}
