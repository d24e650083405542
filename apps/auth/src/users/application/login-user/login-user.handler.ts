import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { userLocked, userLoggedIn, userLoginFailed } from '@mindhill/contracts';
import { EventContext, EventStore, EventTransaction, NewEvent, newEvent } from '@mindhill/persistence';
import { DomainError } from '@mindhill/platform';
import { isLocked, lockAfterFailure, LockoutPolicy } from '../../domain/lockout.policy';
import { PasswordHasher } from '../../infrastructure/password-hasher';
import { SessionHandlers } from '../../../sessions/application/session.handlers';
import { PurposeTokens } from '../../infrastructure/purpose-tokens';
import { TokenIssuer } from '../../infrastructure/token-issuer';
import { User } from '../../infrastructure/user.entity';

export type SignedIn = {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  sessionId: string;
  user: { id: string; email: string; displayName: string; role: string };
};
// A 2FA account answers with a second step; an account with a generated password with the
// forced change. Neither carries an access token.
export type LoginResult = SignedIn | { mfaRequired: true; mfaToken: string } | { passwordChangeRequired: true; changeToken: string };

export const LOCKOUT_POLICY = Symbol('LOCKOUT_POLICY');

// One answer for every failure, so the response never tells whether the e-mail exists.
export const invalidCredentials = () => new DomainError('AUTH.INVALID_CREDENTIALS', 'E-mail or password is wrong', 'unauthorized');

// A failed attempt (password or second factor) as events: the failure, and the lock when it
// reaches the threshold.
export function failureEvents(lockout: LockoutPolicy, user: User, failure: NewEvent, failedAttempts: number, now: Date): NewEvent[] {
  const lockUntil = lockAfterFailure(failedAttempts, lockout, now);
  return [
    failure,
    ...(lockUntil
      ? [newEvent(userLocked, { userId: user.uuid, email: user.email, failedAttempts, lockedUntil: lockUntil.toISOString() })]
      : []),
  ];
}

@Injectable()
export class LoginUserHandler {
  constructor(
    private readonly events: EventStore,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenIssuer,
    @Inject(LOCKOUT_POLICY) private readonly lockout: LockoutPolicy,
    private readonly sessions: SessionHandlers,
    private readonly purposeTokens: PurposeTokens,
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
        await tx.append(
          streamId,
          version,
          [newEvent(userLoginFailed, { userId: null, email, reason: 'unknown-email', failedAttempts: version + 1 })],
          context,
        );
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
        const failure = newEvent(userLoginFailed, { userId: user.uuid, email, reason, failedAttempts });
        await tx.append(streamId, version, locked ? [failure] : failureEvents(this.lockout, user, failure, failedAttempts, now), context);
        return null;
      }
      if (user.mustChangePassword) return { step: 'change' as const, user };
      if (user.twoFactorEnabled) return { step: 'mfa' as const, user };
      return { step: 'done' as const, user, ...(await this.signIn(tx, user, [], context, version)) };
    });

    if (!outcome) throw invalidCredentials();
    if (outcome.step === 'change')
      return { passwordChangeRequired: true, changeToken: await this.purposeTokens.issue('password-change', outcome.user.uuid) };
    if (outcome.step === 'mfa') return { mfaRequired: true, mfaToken: await this.purposeTokens.issue('mfa', outcome.user.uuid) };
    return this.tokensFor(outcome.user, outcome.sessionId, outcome.refreshToken, outcome.userVersion);
  }

  // A wrong password given to confirm a sensitive change (password change, 2FA disable) counts
  // like a failed login, so a stolen access token cannot be used to guess the password.
  async recordWrongPassword(userUuid: string, context: EventContext): Promise<void> {
    await this.events.transact(async (tx) => {
      const user = await tx.em.findOneOrFail(User, { uuid: userUuid }, { refresh: true });
      const now = new Date();
      if (isLocked(user.lockedUntil, now)) return;
      const failedAttempts = user.failedLoginAttempts + 1;
      const failure = newEvent(userLoginFailed, { userId: user.uuid, email: user.email, reason: 'wrong-password', failedAttempts });
      const streamId = `user-${user.uuid}`;
      await tx.append(streamId, await tx.streamVersion(streamId), failureEvents(this.lockout, user, failure, failedAttempts, now), context);
    });
  }

  // The end of every successful login: logged-in event (after any of the caller's own), session.
  // userVersion: the user stream's version read before `user` was read, which the access token
  // carries (ver): the gateway refuses tokens older than a role change, deactivation or lockout,
  // and a change committed after the read is newer than ver.
  async signIn(
    tx: EventTransaction,
    user: User,
    before: NewEvent[],
    context: EventContext,
    userVersion: number,
  ): Promise<{ sessionId: string; refreshToken: string; userVersion: number }> {
    const streamId = `user-${user.uuid}`;
    const version = await tx.streamVersion(streamId);
    const sessionId = randomUUID();
    const asUser = {
      ...context,
      actor: { ...context.actor, userId: user.uuid, userNumber: user.id, email: user.email, role: user.role, sessionId },
    };
    await tx.append(
      streamId,
      version,
      [
        ...before,
        newEvent(userLoggedIn, {
          userId: user.uuid,
          userNumber: user.id,
          email: user.email,
          loginCount: user.loginCount + 1,
          loggedInAt: new Date().toISOString(),
        }),
      ],
      asUser,
    );
    const refreshToken = await this.sessions.open(tx, user, sessionId, asUser);
    return { sessionId, refreshToken, userVersion };
  }

  async tokensFor(user: User, sessionId: string, refreshToken: string, userVersion: number): Promise<SignedIn> {
    const token = await this.tokens.issue({
      userId: user.uuid,
      userNumber: user.id,
      email: user.email,
      role: user.role,
      sessionId,
      userVersion,
    });
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
