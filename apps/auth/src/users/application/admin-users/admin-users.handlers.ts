import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UserRole, userCreated, userDeactivated, userDeleted, userRoleChanged } from '@mindhill/contracts';
import { EventContext, EventStore, EventTransaction, isUniqueViolation, newEvent } from '@mindhill/persistence';
import { DomainError, isUuid } from '@mindhill/platform';
import { SessionHandlers } from '../../../sessions/application/session.handlers';
import { requireAdmin } from '../../../settings/domain/require-admin';
import { assertStrongPassword, normalizeEmail } from '../../domain/credentials.policy';
import { PasswordHasher } from '../../infrastructure/password-hasher';
import { User } from '../../infrastructure/user.entity';
import { emailTaken } from '../register-user/register-user.handler';

export type CreateUserCommand = { email: string; password: string; displayName?: string; role: UserRole; mustChangePassword?: boolean };

const notFound = (id: string) => new DomainError('AUTH.USER_NOT_FOUND', `No user ${id}`, 'not-found');
const lastAdmin = () => new DomainError('AUTH.LAST_ADMIN', 'This is the last active admin: make another admin first', 'conflict');

// Admin-only user administration. The gateway allows admins only; the role is checked again
// here so that the rule holds whoever calls.
@Injectable()
export class AdminUsersHandlers {
  constructor(
    private readonly events: EventStore,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionHandlers,
  ) {}

  async create(command: CreateUserCommand, context: EventContext) {
    requireAdmin(context);
    const email = normalizeEmail(command.email);
    assertStrongPassword(command.password, email);
    const passwordHash = await this.hasher.hash(command.password);
    const displayName = command.displayName ?? email.split('@')[0]!.slice(0, 100);
    try {
      return await this.events.transact((tx) =>
        createUser(
          tx,
          {
            email,
            displayName,
            role: command.role,
            passwordHash,
            source: 'admin',
            createdBy: context.actor.userId,
            mustChangePassword: command.mustChangePassword ?? false,
          },
          context,
        ),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'idx_users_email_live')) throw emailTaken();
      throw error;
    }
  }

  async changeRole(id: string, role: UserRole, context: EventContext) {
    requireAdmin(context);
    return this.events.transact(async (tx) => {
      const user = await this.target(tx, id);
      if (user.role === role) return view(user);
      if (user.role === 'admin' && user.isActive) await assertAnotherAdmin(tx, user.uuid);
      await this.append(
        tx,
        user,
        [newEvent(userRoleChanged, { userId: user.uuid, email: user.email, oldRole: user.role, newRole: role })],
        context,
      );
      return view(user);
    });
  }

  async deactivate(id: string, context: EventContext) {
    requireAdmin(context);
    return this.events.transact(async (tx) => {
      const user = await this.target(tx, id);
      if (!user.isActive) return { ...view(user), sessionsRevoked: 0 };
      if (user.role === 'admin') await assertAnotherAdmin(tx, user.uuid);
      await this.append(
        tx,
        user,
        [newEvent(userDeactivated, { userId: user.uuid, email: user.email, deactivatedAt: new Date().toISOString() })],
        context,
      );
      const sessionsRevoked = await this.sessions.revokeAllOf(tx, user.uuid, 'revoked-by-admin', context);
      return { ...view(user), sessionsRevoked };
    });
  }

  // Soft delete: the row and the events stay (history, audit), the account is gone.
  async remove(id: string, context: EventContext) {
    requireAdmin(context);
    return this.events.transact(async (tx) => {
      const user = await this.target(tx, id);
      if (user.role === 'admin' && user.isActive) await assertAnotherAdmin(tx, user.uuid);
      await this.append(
        tx,
        user,
        [newEvent(userDeleted, { userId: user.uuid, email: user.email, deletedAt: new Date().toISOString() })],
        context,
      );
      const sessionsRevoked = await this.sessions.revokeAllOf(tx, user.uuid, 'revoked-by-admin', context);
      return { id: user.uuid, deleted: true, sessionsRevoked };
    });
  }

  private async target(tx: EventTransaction, id: string): Promise<User> {
    const user = isUuid(id) ? await tx.em.findOne(User, { uuid: id, deletedAt: null }) : null;
    if (!user) throw notFound(id);
    return user;
  }

  private async append(tx: EventTransaction, user: User, events: Parameters<EventTransaction['append']>[2], context: EventContext) {
    const streamId = `user-${user.uuid}`;
    await tx.append(streamId, await tx.streamVersion(streamId), events, context);
  }
}

// Locks the live admins so that two demotions cannot each see the other as the remaining one.
async function assertAnotherAdmin(tx: EventTransaction, exceptUuid: string): Promise<void> {
  const rows = await tx.em.execute<{ uuid: string }[]>(
    `SELECT uuid FROM users WHERE role = 'admin' AND is_active = true AND deleted_at IS NULL FOR UPDATE`,
  );
  if (!rows.some((r) => r.uuid !== exceptUuid)) throw lastAdmin();
}

export async function createUser(
  tx: EventTransaction,
  input: {
    email: string;
    displayName: string;
    role: UserRole;
    passwordHash: string;
    source: 'admin' | 'bootstrap-generated';
    createdBy: string | null;
    mustChangePassword: boolean;
  },
  context: EventContext,
) {
  if (await tx.em.count(User, { email: input.email, deletedAt: null })) throw emailTaken();
  const [{ id }] = await tx.em.execute<{ id: string }[]>(`SELECT nextval('users_id_seq') AS id`);
  const userId = randomUUID();
  await tx.append(`user-${userId}`, 0, [newEvent(userCreated, { userId, userNumber: Number(id), ...input })], context);
  return { id: userId, email: input.email, displayName: input.displayName, role: input.role, mustChangePassword: input.mustChangePassword };
}

function view(u: User) {
  return { id: u.uuid, email: u.email, displayName: u.displayName, role: u.role, isActive: u.isActive };
}
