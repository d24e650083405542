import { Inject, Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { newOneTimeToken } from '../../domain/one-time-token';
import { userDecider } from '../../domain/user.decider';
import { Mailer } from '../../infrastructure/mailer';
import { appendToUser } from '../../infrastructure/user-stream.store';
import { User } from '../../infrastructure/user.entity';
import { userStateOf } from '../../infrastructure/user.read-model';
import { TOKEN_LIFETIMES, TokenLifetimes } from '../../users.config';

// Always the same answer, whether or not the address has an account; the mail goes out after
// the commit without holding the answer back, so timing says little either.
@Injectable()
export class RequestPasswordResetHandler {
  constructor(
    private readonly events: EventStore,
    private readonly mailer: Mailer,
    @Inject(TOKEN_LIFETIMES) private readonly lifetimes: TokenLifetimes,
  ) {}

  async execute(emailInput: string, context: EventContext): Promise<{ accepted: true }> {
    const email = emailInput.trim().toLowerCase();
    const user = await this.events.readModel().findOne(User, { email, deletedAt: null });
    const { token, hash } = newOneTimeToken();
    const expiresAt = new Date(Date.now() + this.lifetimes.resetMinutes * 60_000);
    const events = userDecider.decide(user && userStateOf(user), { kind: 'request-password-reset', tokenHash: hash, expiresAt });
    if (!user || events.length === 0) return { accepted: true };
    await this.events.transact((tx) => appendToUser(tx, user.uuid, events, context));
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
    return { accepted: true };
  }
}
