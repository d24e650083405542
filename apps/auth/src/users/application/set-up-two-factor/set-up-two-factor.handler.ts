import { Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { SecretBox } from '../../../signing-keys/infrastructure/secret-box';
import { newTotpSecret, otpauthUrl } from '../../domain/totp';
import { userDecider } from '../../domain/user.decider';
import { appendToUser } from '../../infrastructure/user-stream.store';
import { signedInUser, userStateOf } from '../../infrastructure/user.read-model';

// A new secret, shown once (POST 2fa/setup); 2FA is on only after a code from it is confirmed
// (enable-two-factor). The secret is kept sealed.
@Injectable()
export class SetUpTwoFactorHandler {
  constructor(
    private readonly events: EventStore,
    private readonly box: SecretBox,
  ) {}

  async execute(context: EventContext): Promise<{ secret: string; otpauthUrl: string }> {
    const user = await signedInUser(this.events.readModel(), context.actor.userId, { activeOnly: true });
    const secret = newTotpSecret();
    const events = userDecider.decide(userStateOf(user), { kind: 'set-up-two-factor', encryptedSecret: this.box.seal(secret) });
    await this.events.transact((tx) => appendToUser(tx, user.uuid, events, context));
    return { secret, otpauthUrl: otpauthUrl(user.email, secret) };
  }
}
