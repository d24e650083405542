import { Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { RevokeAllSessionsHandler } from '../../../sessions/application/revoke-all-sessions/revoke-all-sessions.handler';
import { assertStrongPassword } from '../../domain/credentials.policy';
import { hashOneTimeToken } from '../../domain/one-time-token';
import { assertUsableToken, userDecider } from '../../domain/user.decider';
import { PasswordHasher } from '../../infrastructure/password-hasher';
import { appendToUser } from '../../infrastructure/user-stream.store';
import { lockTokenHolder } from '../../infrastructure/user-token.read-model';
import { userStateOf } from '../../infrastructure/user.read-model';
import { ResetPasswordBody } from './reset-password.schema';
import { ResetPasswordAnswer } from './reset-password.schema';

// A new password from the reset link; the token is spent and every session ends.
@Injectable()
export class ResetPasswordHandler {
  constructor(
    private readonly events: EventStore,
    private readonly hasher: PasswordHasher,
    private readonly revokeAllSessions: RevokeAllSessionsHandler,
  ) {}

  async execute(command: ResetPasswordBody, context: EventContext): Promise<ResetPasswordAnswer> {
    const hash = hashOneTimeToken(command.token);
    // Checked before the slow hash so that a bad token costs nothing; decided again under lock.
    const probe = await this.events.transact((tx) => lockTokenHolder(tx.em, hash, 'password-reset'));
    assertUsableToken(userStateOf(probe.user), probe.token, new Date(), 'password-reset');
    assertStrongPassword(command.newPassword, probe.user.email);
    const passwordHash = await this.hasher.hash(command.newPassword);
    return this.events.transact(async (tx) => {
      const { user, token } = await lockTokenHolder(tx.em, hash, 'password-reset');
      const events = userDecider.decide(userStateOf(user), {
        kind: 'reset-password',
        token,
        tokenHash: hash,
        passwordHash,
        now: new Date(),
      });
      await appendToUser(tx, user.uuid, events, context);
      const revoked = await this.revokeAllSessions.within(tx, user.uuid, 'password-changed', context);
      return { reset: true, sessionsRevoked: revoked };
    });
  }
}
