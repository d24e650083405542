import { Inject, Injectable } from '@nestjs/common';
import { userPasswordChanged, userPasswordResetRequested } from '@mindhill/contracts';
import { EventContext, EventStore, newEvent } from '@mindhill/persistence';
import { DomainError } from '@mindhill/platform';
import { SessionHandlers } from '../../../sessions/application/session.handlers';
import { LoginUserHandler } from '../login-user/login-user.handler';
import { Mailer } from '../../../mail/mailer';
import { assertStrongPassword } from '../../domain/credentials.policy';
import { hashOneTimeToken, newOneTimeToken } from '../../domain/one-time-token';
import { PasswordHasher } from '../../infrastructure/password-hasher';
import { PurposeTokens } from '../../infrastructure/purpose-tokens';
import { lockUserToken } from '../../infrastructure/user-token.read-model';
import { User } from '../../infrastructure/user.entity';

export type TokenLifetimes = { resetMinutes: number; verifyHours: number };
export const TOKEN_LIFETIMES = Symbol('TOKEN_LIFETIMES');

export const invalidToken = () => new DomainError('AUTH.INVALID_TOKEN', 'The link is not valid or was already used', 'invalid');
export const expiredToken = () => new DomainError('AUTH.TOKEN_EXPIRED', 'The link has expired: ask for a new one', 'invalid');

@Injectable()
export class PasswordHandlers {
  constructor(
    private readonly events: EventStore,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionHandlers,
    private readonly mailer: Mailer,
    private readonly purposeTokens: PurposeTokens,
    private readonly login: LoginUserHandler,
    @Inject(TOKEN_LIFETIMES) private readonly lifetimes: TokenLifetimes,
  ) {}

  // Signed in (the gateway's actor), or with the change token a forced-change login answered.
  // Other sessions end; the current one stays.
  async change(command: { currentPassword: string; newPassword: string; changeToken?: string }, context: EventContext) {
    const userId = command.changeToken ? await this.purposeTokens.verify('password-change', command.changeToken) : context.actor.userId;
    if (!userId) throw new DomainError('AUTH.UNAUTHENTICATED', 'Sign in first', 'unauthorized');
    const user = await this.events
      .readModel()
      .findOne(User, { uuid: userId, deletedAt: null, isActive: true }, { populate: ['passwordHash'] });
    if (!user) throw new DomainError('AUTH.UNAUTHENTICATED', 'Sign in first', 'unauthorized');
    if (!(await this.hasher.verify(user.passwordHash, command.currentPassword))) {
      await this.login.recordWrongPassword(user.uuid, context);
      throw new DomainError('AUTH.INVALID_CURRENT_PASSWORD', 'The current password is wrong', 'invalid');
    }
    assertStrongPassword(command.newPassword, user.email);
    if (await this.hasher.verify(user.passwordHash, command.newPassword)) {
      throw new DomainError('AUTH.PASSWORD_UNCHANGED', 'The new password must differ from the current one', 'invalid');
    }
    const passwordHash = await this.hasher.hash(command.newPassword);
    const via = user.mustChangePassword ? ('forced-change' as const) : ('change' as const);
    const revoked = await this.events.transact(async (tx) => {
      const streamId = `user-${user.uuid}`;
      await tx.append(
        streamId,
        await tx.streamVersion(streamId),
        [
          newEvent(userPasswordChanged, {
            userId: user.uuid,
            email: user.email,
            via,
            changedAt: new Date().toISOString(),
            passwordHash,
          }),
        ],
        context,
      );
      return this.sessions.revokeAllOf(
        tx,
        user.uuid,
        'password-changed',
        context,
        context.actor.userId === user.uuid ? context.actor.sessionId : null,
      );
    });
    return { changed: true, otherSessionsRevoked: revoked };
  }

  // Always the same answer, whether or not the address has an account; the mail goes out after
  // the commit without holding the answer back, so timing says little either.
  async requestReset(emailInput: string, context: EventContext): Promise<{ accepted: true }> {
    const email = emailInput.trim().toLowerCase();
    const user = await this.events.readModel().findOne(User, { email, deletedAt: null, isActive: true });
    if (user) {
      const { token, hash } = newOneTimeToken();
      const expiresAt = new Date(Date.now() + this.lifetimes.resetMinutes * 60_000);
      await this.events.transact(async (tx) => {
        const streamId = `user-${user.uuid}`;
        await tx.append(
          streamId,
          await tx.streamVersion(streamId),
          [
            newEvent(userPasswordResetRequested, {
              userId: user.uuid,
              email: user.email,
              expiresAt: expiresAt.toISOString(),
              tokenHash: hash,
            }),
          ],
          context,
        );
      });
      void this.mailer.send(
        'password-reset',
        user.email,
        'Reset your Mind Hillmetric password',
        [
          'Someone asked to reset the password of your Mind Hillmetric account.',
          `To choose a new password, open this link within ${this.lifetimes.resetMinutes} minutes:`,
          this.mailer.link('/reset-password', token),
          'If it was not you, ignore this message: your password stays as it is.',
        ].join('\n\n'),
      );
    }
    return { accepted: true };
  }

  async confirmReset(command: { token: string; newPassword: string }, context: EventContext) {
    const hash = hashOneTimeToken(command.token);
    // Checked before the slow hash so that a bad token costs nothing; re-checked under lock.
    const probe = await this.events.transact((tx) => lockUserToken(tx.em, hash, 'password-reset'));
    if (!probe || probe.consumed_at || !probe.is_active) throw invalidToken();
    if (new Date(probe.expires_at) <= new Date()) throw expiredToken();
    assertStrongPassword(command.newPassword, probe.email);
    const passwordHash = await this.hasher.hash(command.newPassword);
    return this.events.transact(async (tx) => {
      const row = await lockUserToken(tx.em, hash, 'password-reset');
      if (!row || row.consumed_at || !row.is_active) throw invalidToken();
      if (new Date(row.expires_at) <= new Date()) throw expiredToken();
      const streamId = `user-${row.user_uuid}`;
      await tx.append(
        streamId,
        await tx.streamVersion(streamId),
        [
          newEvent(userPasswordChanged, {
            userId: row.user_uuid,
            email: row.email,
            via: 'reset',
            changedAt: new Date().toISOString(),
            passwordHash,
            consumedTokenHash: hash,
          }),
        ],
        context,
      );
      const revoked = await this.sessions.revokeAllOf(tx, row.user_uuid, 'password-changed', context);
      return { reset: true, sessionsRevoked: revoked };
    });
  }
}
