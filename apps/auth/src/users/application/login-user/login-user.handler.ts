import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { userLocked, userLoggedIn, userLoginFailed } from '@mindhill/contracts';
import { EventContext, EventStore, newEvent } from '@mindhill/persistence';
import { DomainError } from '@mindhill/platform';
import { isLocked, lockAfterFailure, LockoutPolicy } from '../../domain/lockout.policy';
import { PasswordHasher } from '../../infrastructure/password-hasher';
import { SessionHandlers } from '../../../sessions/application/session.handlers';
import { TokenIssuer } from '../../infrastructure/token-issuer';
import { User } from '../../infrastructure/user.entity';

export type LoginResult = {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  sessionId: string;
  user: { id: string; email: string; displayName: string; role: string };
};

// One answer for every failure, so the response never tells whether the e-mail exists.
export const LOCKOUT_POLICY = Symbol('LOCKOUT_POLICY');

export const invalidCredentials = () => new DomainError('AUTH.INVALID_CREDENTIALS', 'E-mail or password is wrong', 'unauthorized');

@Injectable()
export class LoginUserHandler {
  constructor(
    private readonly events: EventStore,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenIssuer,
    @Inject(LOCKOUT_POLICY) private readonly lockout: LockoutPolicy,
    private readonly sessions: SessionHandlers,
  ) {}

  async execute(command: { email: string; password: string }, context: EventContext): Promise<LoginResult> {
    const email = command.email.trim().toLowerCase();
    const found = await this.findUser(email);
    // Always one argon2 verification, whether or not the account exists.
    const passwordOk = await this.hasher.verify(found?.passwordHash ?? null, command.password);

    const outcome = await this.events.transact(async (tx) => {
      if (!found) {
        const streamId = `login-attempts-${createHash('sha256').update(email).digest('hex').slice(0, 32)}`;
        const version = await tx.streamVersion(streamId);
        await tx.append(streamId, version, [newEvent(userLoginFailed, { userId: null, email, reason: 'unknown-email', failedAttempts: version + 1 })], context);
        return null;
      }
      const streamId = `user-${found.uuid}`;
      const version = await tx.streamVersion(streamId);
      const user = await tx.em.findOneOrFail(User, { uuid: found.uuid }, { refresh: true });
      const now = new Date();
      // A locked account refuses even the right password, with the same answer as any failure.
      const locked = isLocked(user.lockedUntil, now);
      if (!passwordOk || !user.isActive || locked) {
        const failedAttempts = user.failedLoginAttempts + 1;
        const reason = locked ? 'locked' : user.isActive ? 'wrong-password' : 'inactive';
        const lockUntil = locked ? null : lockAfterFailure(failedAttempts, this.lockout, now);
        await tx.append(streamId, version, [
          newEvent(userLoginFailed, { userId: user.uuid, email, reason, failedAttempts }),
          ...(lockUntil ? [newEvent(userLocked, { userId: user.uuid, email, failedAttempts, lockedUntil: lockUntil.toISOString() })] : []),
        ], context);
        return null;
      }
      const sessionId = randomUUID();
      const asUser = { ...context, actor: { ...context.actor, userId: user.uuid, userNumber: user.id, email, role: user.role, sessionId } };
      await tx.append(streamId, version, [
        newEvent(userLoggedIn, {
          userId: user.uuid, userNumber: user.id, email, loginCount: user.loginCount + 1, loggedInAt: new Date().toISOString(),
        }),
      ], asUser);
      const refreshToken = await this.sessions.open(tx, user, sessionId, asUser);
      return { user, sessionId, refreshToken };
    });

    if (!outcome) throw invalidCredentials();
    const { user, sessionId, refreshToken } = outcome;
    const token = await this.tokens.issue({ userId: user.uuid, userNumber: user.id, email: user.email, role: user.role, sessionId });
    return {
      ...token,
      tokenType: 'Bearer',
      refreshToken,
      sessionId,
      user: { id: user.uuid, email: user.email, displayName: user.displayName, role: user.role },
    };
  }

  private async findUser(email: string): Promise<{ uuid: string; passwordHash: string } | null> {
    const user = await this.events.readModel().findOne(User, { email, deletedAt: null }, { populate: ['passwordHash'] });
    return user ? { uuid: user.uuid, passwordHash: user.passwordHash } : null;
  }
}
