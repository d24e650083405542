import { Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { RevokeAllSessionsHandler } from '../../../sessions/application/revoke-all-sessions/revoke-all-sessions.handler';
import { assertStrongPassword } from '../../domain/credentials.policy';
import { userDecider } from '../../domain/user.decider';
import { userErrors } from '../../domain/user.errors';
import { PasswordHasher } from '../../infrastructure/password-hasher';
import { PurposeTokens } from '../../infrastructure/purpose-tokens';
import { appendToUser } from '../../infrastructure/user-stream.store';
import { signedInUser, userStateOf } from '../../infrastructure/user.read-model';
import { RecordWrongPasswordHandler } from '../record-wrong-password/record-wrong-password.handler';
import { ChangePasswordBody } from './change-password.schema';
import { ChangePasswordAnswer } from './change-password.schema';

// Signed in (the gateway's actor), or with the change token a forced-change login answered.
// Other sessions end; the current one stays.
@Injectable()
export class ChangePasswordHandler {
  constructor(
    private readonly events: EventStore,
    private readonly hasher: PasswordHasher,
    private readonly purposeTokens: PurposeTokens,
    private readonly recordWrongPassword: RecordWrongPasswordHandler,
    private readonly revokeAllSessions: RevokeAllSessionsHandler,
  ) {}

  async execute(command: ChangePasswordBody, context: EventContext): Promise<ChangePasswordAnswer> {
    const userId = command.changeToken ? await this.purposeTokens.verify('password-change', command.changeToken) : context.actor.userId;
    const user = await signedInUser(this.events.readModel(), userId, { activeOnly: true, withPasswordHash: true });
    if (!(await this.hasher.verify(user.passwordHash, command.currentPassword))) {
      await this.recordWrongPassword.execute(user.uuid, context);
      throw userErrors.wrongPassword('The current password is wrong');
    }
    assertStrongPassword(command.newPassword, user.email);
    const reusesCurrentPassword = await this.hasher.verify(user.passwordHash, command.newPassword);
    // No new hash for a password the decision refuses anyway.
    const passwordHash = reusesCurrentPassword ? user.passwordHash : await this.hasher.hash(command.newPassword);
    const revoked = await this.events.transact(async (tx) => {
      const events = userDecider.decide(userStateOf(user), {
        kind: 'change-password',
        passwordHash,
        reusesCurrentPassword,
        now: new Date(),
      });
      await appendToUser(tx, user.uuid, events, context);
      const current = context.actor.userId === user.uuid ? context.actor.sessionId : null;
      return this.revokeAllSessions.within(tx, user.uuid, 'password-changed', context, current);
    });
    return { changed: true, otherSessionsRevoked: revoked };
  }
}
