import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UserRole, userRegistered } from '@mindhill/contracts';
import { EventContext, EventStore, isUniqueViolation, newEvent } from '@mindhill/persistence';
import { DomainError } from '@mindhill/platform';
import { assertStrongPassword, normalizeEmail } from '../../domain/credentials.policy';
import { PasswordHasher } from '../../infrastructure/password-hasher';
import { User } from '../../infrastructure/user.entity';
import { VerifyEmailHandlers } from '../verify-email/verify-email.handlers';

export type RegisterUserCommand = {
  email: string;
  password: string;
  displayName?: string;
  role?: UserRole;
  source?: 'self-service' | 'bootstrap-admin';
};

export type RegisteredUser = { id: string; email: string; displayName: string; role: UserRole };

export const emailTaken = () => new DomainError('AUTH.EMAIL_TAKEN', 'An account with this e-mail already exists', 'conflict');

@Injectable()
export class RegisterUserHandler {
  constructor(
    private readonly events: EventStore,
    private readonly hasher: PasswordHasher,
    private readonly verifyEmail: VerifyEmailHandlers,
  ) {}

  async execute(command: RegisterUserCommand, context: EventContext): Promise<RegisteredUser> {
    const email = normalizeEmail(command.email);
    assertStrongPassword(command.password, email);
    const passwordHash = await this.hasher.hash(command.password);
    const displayName = command.displayName ?? email.split('@')[0]!.slice(0, 100);
    const role = command.role ?? 'user';
    // Self-service accounts get a verification mail; its token is kept hashed in the event.
    const verification = (command.source ?? 'self-service') === 'self-service' ? this.verifyEmail.newVerification() : null;
    try {
      const registered = await this.events.transact(async (tx) => {
        if (await tx.em.count(User, { email, deletedAt: null })) throw emailTaken();
        const [{ id }] = await tx.em.execute<{ id: string }[]>(`SELECT nextval('users_id_seq') AS id`);
        const userId = randomUUID();
        await tx.append(
          `user-${userId}`,
          0,
          [
            newEvent(userRegistered, {
              userId,
              userNumber: Number(id),
              email,
              displayName,
              role,
              source: command.source ?? 'self-service',
              passwordHash,
              ...(verification ? { verificationTokenHash: verification.hash, verificationExpiresAt: verification.expiresAt } : {}),
            }),
          ],
          context,
        );
        return { id: userId, email, displayName, role };
      });
      if (verification) void verification.mail(email);
      return registered;
    } catch (error) {
      // Two registrations of one e-mail racing: the unique index decides, nothing is written.
      if (isUniqueViolation(error, 'idx_users_email_live')) throw emailTaken();
      throw error;
    }
  }
}
