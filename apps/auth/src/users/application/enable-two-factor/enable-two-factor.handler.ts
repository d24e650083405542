import { Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { SecretBox } from '../../../signing-keys/infrastructure/secret-box';
import { acceptedTimeStep, hashBackupCode, newBackupCodes } from '../../domain/totp';
import { twoFactorPending, userDecider } from '../../domain/user.decider';
import { twoFactorStateOf } from '../../infrastructure/two-factor.store';
import { appendToUser } from '../../infrastructure/user-stream.store';
import { signedInUser, userStateOf } from '../../infrastructure/user.read-model';

// Turns 2FA on once a code from the pending secret is right (POST 2fa/enable); answers ten
// backup codes, shown once and kept as salted hashes. The confirming code is spent too.
@Injectable()
export class EnableTwoFactorHandler {
  constructor(
    private readonly events: EventStore,
    private readonly box: SecretBox,
  ) {}

  async execute(code: string, context: EventContext): Promise<{ enabled: true; backupCodes: string[] }> {
    const user = await signedInUser(this.events.readModel(), context.actor.userId, { activeOnly: true });
    const backupCodes = newBackupCodes();
    await this.events.transact(async (tx) => {
      const state = userStateOf(user, await twoFactorStateOf(tx.em, user.uuid));
      // The secret is opened only when the decision looks at the code.
      const acceptedStep = twoFactorPending(state)
        ? acceptedTimeStep(this.box.open(state.twoFactor.sealedSecret), code, new Date(), null)
        : null;
      const events = userDecider.decide(state, {
        kind: 'enable-two-factor',
        acceptedStep,
        backupCodeHashes: backupCodes.map((c) => hashBackupCode(user.uuid, c)),
      });
      await appendToUser(tx, user.uuid, events, context);
    });
    return { enabled: true, backupCodes };
  }
}
