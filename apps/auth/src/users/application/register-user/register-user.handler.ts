import { Injectable } from '@nestjs/common';
import { streamIds, UserRole } from '@mindhill/contracts';
import { EventContext, EventStore, isUniqueViolation } from '@mindhill/persistence';
import { assertStrongPassword, defaultDisplayName, normalizeEmail } from '../../domain/credentials.policy';
import { userDecider } from '../../domain/user.decider';
import { userErrors } from '../../domain/user.errors';
import { PasswordHasher } from '../../infrastructure/password-hasher';
import { User } from '../../infrastructure/user.entity';
import { drawUserIdentity, userStateOf } from '../../infrastructure/user.read-model';
import { RequestEmailVerificationHandler } from '../request-email-verification/request-email-verification.handler';

export type RegisterUserCommand = {
  email: string;
  password: string;
  displayName?: string;
  role?: UserRole;
  source?: 'self-service' | 'bootstrap-admin';
};

export type RegisteredUser = { id: string; email: string; displayName: string; role: UserRole };

// POST /auth/register (self-service), and the first admin from ADMIN_EMAIL / ADMIN_PASSWORD.
@Injectable()
export class RegisterUserHandler {
  constructor(
    private readonly events: EventStore,
    private readonly hasher: PasswordHasher,
    private readonly emailVerification: RequestEmailVerificationHandler,
  ) {}

  async execute(command: RegisterUserCommand, context: EventContext): Promise<RegisteredUser> {
    const email = normalizeEmail(command.email);
    assertStrongPassword(command.password, email);
    const passwordHash = await this.hasher.hash(command.password);
    const displayName = command.displayName ?? defaultDisplayName(email);
    const role = command.role ?? 'user';
    const source = command.source ?? 'self-service';
    // Self-service accounts get a verification mail; its token is kept hashed in the event.
    const verification = source === 'self-service' ? this.emailVerification.prepare() : null;
    try {
      const registered = await this.events.transact(async (tx) => {
        const existing = await tx.em.findOne(User, { email, deletedAt: null });
        const identity = existing ? null : await drawUserIdentity(tx.em);
        const events = userDecider.decide(existing && userStateOf(existing), {
          kind: 'register',
          identity,
          email,
          displayName,
          role,
          source,
          passwordHash,
          verification: verification && { tokenHash: verification.hash, expiresAt: verification.expiresAt },
        });
        // decide refuses a taken e-mail, the only case without a drawn identity.
        const userId = identity!.userId;
        await tx.append(streamIds.user(userId), 0, events, context);
        // The verification mail is queued with the event that holds its token's hash.
        if (verification) await this.emailVerification.queue(tx.em, userId, verification);
        return { id: userId, email, displayName, role };
      });
      if (verification) this.emailVerification.kick();
      return registered;
    } catch (error) {
      // Two registrations of one e-mail racing: the unique index decides, nothing is written.
      if (isUniqueViolation(error, 'idx_users_email_live')) throw userErrors.emailTaken();
      throw error;
    }
  }
}
