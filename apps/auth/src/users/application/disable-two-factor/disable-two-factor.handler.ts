import { Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { SecretBox } from '../../../signing-keys/infrastructure/secret-box';
import { acceptedTimeStep } from '../../domain/totp';
import { twoFactorOn, userDecider } from '../../domain/user.decider';
import { userErrors } from '../../domain/user.errors';
import { PasswordHasher } from '../../infrastructure/password-hasher';
import { twoFactorStateOf } from '../../infrastructure/two-factor.store';
import { appendToUser } from '../../infrastructure/user-stream.store';
import { signedInUser, userStateOf } from '../../infrastructure/user.read-model';
import { RecordWrongPasswordHandler } from '../record-wrong-password/record-wrong-password.handler';
import { DisableTwoFactorBody } from './disable-two-factor.schema';

// POST 2fa/disable: the password first (a wrong one counts toward the lockout), then the code.
@Injectable()
export class DisableTwoFactorHandler {
  constructor(
    private readonly events: EventStore,
    private readonly box: SecretBox,
    private readonly hasher: PasswordHasher,
    private readonly recordWrongPassword: RecordWrongPasswordHandler,
  ) {}

  async execute(command: DisableTwoFactorBody, context: EventContext): Promise<{ enabled: false }> {
    const user = await signedInUser(this.events.readModel(), context.actor.userId, { activeOnly: true, withPasswordHash: true });
    if (!(await this.hasher.verify(user.passwordHash, command.password))) {
      await this.recordWrongPassword.execute(user.uuid, context);
      throw userErrors.wrongPassword('The password is wrong');
    }
    await this.events.transact(async (tx) => {
      const state = userStateOf(user, await twoFactorStateOf(tx.em, user.uuid));
      // The secret is opened only when the decision looks at the code.
      const acceptedStep = twoFactorOn(state)
        ? acceptedTimeStep(this.box.open(state.twoFactor.sealedSecret), command.code, new Date(), state.twoFactor.lastUsedStep)
        : null;
      await appendToUser(tx, user.uuid, userDecider.decide(state, { kind: 'disable-two-factor', acceptedStep }), context);
    });
    return { enabled: false };
  }
}
