import { Inject, Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { newOneTimeToken } from '../../domain/one-time-token';
import { userDecider } from '../../domain/user.decider';
import { Mailer } from '../../infrastructure/mailer';
import { appendToUser } from '../../infrastructure/user-stream.store';
import { signedInUser, userStateOf } from '../../infrastructure/user.read-model';
import { TOKEN_LIFETIMES, TokenLifetimes } from '../../users.config';

export type Verification = { hash: string; expiresAt: string; mail: (email: string) => Promise<boolean> };

// Sends (again) the link that verifies my e-mail address; registration sends the first one.
@Injectable()
export class RequestEmailVerificationHandler {
  constructor(
    private readonly events: EventStore,
    private readonly mailer: Mailer,
    @Inject(TOKEN_LIFETIMES) private readonly lifetimes: TokenLifetimes,
  ) {}

  async execute(context: EventContext): Promise<{ sent: true }> {
    const user = await signedInUser(this.events.readModel(), context.actor.userId, { activeOnly: false });
    const verification = this.prepare();
    const events = userDecider.decide(userStateOf(user), {
      kind: 'request-email-verification',
      tokenHash: verification.hash,
      expiresAt: verification.expiresAt,
    });
    await this.events.transact((tx) => appendToUser(tx, user.uuid, events, context));
    await verification.mail(user.email);
    return { sent: true };
  }

  // A fresh token (kept hashed in its event) and the mail to send once that event has committed;
  // also used by register-user.
  prepare(): Verification {
    const { token, hash } = newOneTimeToken();
    return {
      hash,
      expiresAt: new Date(Date.now() + this.lifetimes.verifyHours * 3_600_000).toISOString(),
      mail: (email) =>
        this.mailer.send(
          'email-verification',
          email,
          'Confirm your e-mail address for Mind Hillmetric',
          [
            'Welcome to Mind Hillmetric.',
            `Confirm your e-mail address by opening this link within ${this.lifetimes.verifyHours} hours:`,
            this.mailer.link('/verify-email', token),
          ].join('\n\n'),
        ),
    };
  }
}
