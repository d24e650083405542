import { Inject, Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { SendMailJob } from '../../../mail/application/send-mail/send-mail.job';
import { MailLinks } from '../../../mail/infrastructure/mail-links';
import { enqueueMail } from '../../../mail/infrastructure/mail-queue';
import { hashOneTimeToken } from '../../domain/one-time-token';
import { userDecider } from '../../domain/user.decider';
import { appendToUser } from '../../infrastructure/user-stream.store';
import { User } from '../../infrastructure/user.entity';
import { userStateOf } from '../../infrastructure/user.read-model';
import { TOKEN_LIFETIMES, TokenLifetimes } from '../../users.config';
import { MailQueued } from '../request-email-verification/request-email-verification.handler';

// Always the same answer, whether or not the address has an account: the mail is queued (in the
// transaction of the event that holds its token's hash) and sent by the mail job, so the answer
// neither waits for it nor says more than where mail goes on this platform.
@Injectable()
export class RequestPasswordResetHandler {
  constructor(
    private readonly events: EventStore,
    private readonly links: MailLinks,
    private readonly mail: SendMailJob,
    @Inject(TOKEN_LIFETIMES) private readonly lifetimes: TokenLifetimes,
  ) {}

  async execute(emailInput: string, context: EventContext): Promise<{ accepted: true } & MailQueued> {
    const answer = { accepted: true as const, status: 'queued' as const, delivery: this.mail.delivery };
    const email = emailInput.trim().toLowerCase();
    const user = await this.events.readModel().findOne(User, { email, deletedAt: null });
    const { tokenId, token } = this.links.issue();
    const expiresAt = new Date(Date.now() + this.lifetimes.resetMinutes * 60_000);
    const events = userDecider.decide(user && userStateOf(user), {
      kind: 'request-password-reset',
      tokenHash: hashOneTimeToken(token),
      expiresAt,
    });
    if (!user || events.length === 0) return answer;
    await this.events.transact(async (tx) => {
      await appendToUser(tx, user.uuid, events, context);
      await enqueueMail(tx.em, { kind: 'password-reset', mailId: tokenId, userId: user.uuid, expiresAt: expiresAt.toISOString() });
    });
    this.mail.kick();
    return answer;
  }
}
