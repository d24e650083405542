import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { EventContext, EventStore } from '@mindhill/persistence';
import { SendMailJob } from '../../../mail/application/send-mail/send-mail.job';
import { MailLinks } from '../../../mail/infrastructure/mail-links';
import { enqueueMail } from '../../../mail/infrastructure/mail-queue';
import { hashOneTimeToken } from '../../domain/one-time-token';
import { userDecider } from '../../domain/user.decider';
import { appendToUser } from '../../infrastructure/user-stream.store';
import { signedInUser, userStateOf } from '../../infrastructure/user.read-model';
import { TOKEN_LIFETIMES, TokenLifetimes } from '../../users.config';

// A verification link to be: the token's id (the mail job derives the token from it), its hash
// (kept in the event) and its expiry.
export type Verification = { tokenId: string; hash: string; expiresAt: string };
export type MailQueued = { status: 'queued'; delivery: 'sent' | 'written to the local mail folder' };

// Sends (again) the link that verifies my e-mail address; registration sends the first one.
// The mail is queued in the transaction of the event that holds its token's hash, so it goes
// out once, whatever crashes (ADR 0018); the answer says where it goes.
@Injectable()
export class RequestEmailVerificationHandler {
  constructor(
    private readonly events: EventStore,
    private readonly links: MailLinks,
    private readonly mail: SendMailJob,
    @Inject(TOKEN_LIFETIMES) private readonly lifetimes: TokenLifetimes,
  ) {}

  async execute(context: EventContext): Promise<MailQueued> {
    const user = await signedInUser(this.events.readModel(), context.actor.userId, { activeOnly: false });
    const verification = this.prepare();
    const events = userDecider.decide(userStateOf(user), {
      kind: 'request-email-verification',
      tokenHash: verification.hash,
      expiresAt: verification.expiresAt,
    });
    await this.events.transact(async (tx) => {
      await appendToUser(tx, user.uuid, events, context);
      await this.queue(tx.em, user.uuid, verification);
    });
    this.mail.kick();
    return { status: 'queued', delivery: this.mail.delivery };
  }

  // A fresh token, kept hashed in its event; also used by register-user.
  prepare(): Verification {
    const { tokenId, token } = this.links.issue();
    return {
      tokenId,
      hash: hashOneTimeToken(token),
      expiresAt: new Date(Date.now() + this.lifetimes.verifyHours * 3_600_000).toISOString(),
    };
  }

  // Queues the mail in the caller's transaction; the caller kicks the sender after the commit.
  queue(em: EntityManager, userId: string, verification: Verification): Promise<boolean> {
    return enqueueMail(em, { kind: 'email-verification', mailId: verification.tokenId, userId, expiresAt: verification.expiresAt });
  }

  kick(): void {
    this.mail.kick();
  }
}
