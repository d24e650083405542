import { Injectable } from '@nestjs/common';
import { streamIds } from '@mindhill/contracts';
import { EventContext, EventStore, isUniqueViolation } from '@mindhill/persistence';
import { assertUserAdministrator } from '../../domain/administration.policy';
import { assertStrongPassword, defaultDisplayName, normalizeEmail } from '../../domain/credentials.policy';
import { CreateUser } from '../../domain/user.commands';
import { userDecider } from '../../domain/user.decider';
import { userErrors } from '../../domain/user.errors';
import { PasswordHasher } from '../../infrastructure/password-hasher';
import { User } from '../../infrastructure/user.entity';
import { drawUserIdentity, userStateOf } from '../../infrastructure/user.read-model';
import { CreateUserBody } from './create-user.schema';

export type NewAccount = Omit<CreateUser, 'kind' | 'identity'>;

// POST /users: an account made by an admin (optionally with a password to change at first sign-in).
@Injectable()
export class CreateUserHandler {
  constructor(
    private readonly events: EventStore,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(command: CreateUserBody, context: EventContext) {
    assertUserAdministrator(context.actor);
    const email = normalizeEmail(command.email);
    assertStrongPassword(command.password, email);
    const passwordHash = await this.hasher.hash(command.password);
    return this.create(
      {
        email,
        displayName: command.displayName ?? defaultDisplayName(email),
        role: command.role,
        passwordHash,
        source: 'admin',
        createdBy: context.actor.userId,
        mustChangePassword: command.mustChangePassword ?? false,
      },
      context,
    );
  }

  // Also the first admin with a generated one-time password (bootstrap-admin.job.ts).
  async create(account: NewAccount, context: EventContext) {
    try {
      return await this.events.transact(async (tx) => {
        const existing = await tx.em.findOne(User, { email: account.email, deletedAt: null });
        const identity = existing ? null : await drawUserIdentity(tx.em);
        const events = userDecider.decide(existing && userStateOf(existing), { kind: 'create', identity, ...account });
        // decide refuses a taken e-mail, the only case without a drawn identity.
        const userId = identity!.userId;
        await tx.append(streamIds.user(userId), 0, events, context);
        const { email, displayName, role, mustChangePassword } = account;
        return { id: userId, email, displayName, role, mustChangePassword };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'idx_users_email_live')) throw userErrors.emailTaken();
      throw error;
    }
  }
}
