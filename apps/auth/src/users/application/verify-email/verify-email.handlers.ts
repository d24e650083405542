import { Inject, Injectable } from '@nestjs/common';
import { userEmailVerificationRequested, userEmailVerified } from '@mindhill/contracts';
import { EventContext, EventStore, newEvent } from '@mindhill/persistence';
import { DomainError } from '@mindhill/platform';
import { Mailer } from '../../../mail/mailer';
import { hashOneTimeToken, newOneTimeToken } from '../../domain/one-time-token';
import { lockUserToken } from '../../infrastructure/user-token.read-model';
import { User } from '../../infrastructure/user.entity';
import { expiredToken, invalidToken, TOKEN_LIFETIMES, TokenLifetimes } from '../password/password.handlers';

@Injectable()
export class VerifyEmailHandlers {
  constructor(
    private readonly events: EventStore,
    private readonly mailer: Mailer,
    @Inject(TOKEN_LIFETIMES) private readonly lifetimes: TokenLifetimes,
  ) {}

  // A fresh token for the registration transaction (kept hashed in its event) and the mail to
  // send once it has committed.
  newVerification(): { hash: string; expiresAt: string; mail: (email: string) => Promise<boolean> } {
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

  async request(context: EventContext): Promise<{ sent: true }> {
    if (!context.actor.userId) throw new DomainError('AUTH.UNAUTHENTICATED', 'Sign in first', 'unauthorized');
    const user = await this.events.readModel().findOne(User, { uuid: context.actor.userId, deletedAt: null });
    if (!user) throw new DomainError('AUTH.UNAUTHENTICATED', 'Sign in first', 'unauthorized');
    if (user.isEmailVerified) throw new DomainError('AUTH.EMAIL_ALREADY_VERIFIED', 'This e-mail address is already verified', 'conflict');
    const verification = this.newVerification();
    await this.events.transact(async (tx) => {
      const streamId = `user-${user.uuid}`;
      await tx.append(
        streamId,
        await tx.streamVersion(streamId),
        [
          newEvent(userEmailVerificationRequested, {
            userId: user.uuid,
            email: user.email,
            expiresAt: verification.expiresAt,
            tokenHash: verification.hash,
          }),
        ],
        context,
      );
    });
    await verification.mail(user.email);
    return { sent: true };
  }

  async confirm(token: string, context: EventContext) {
    const hash = hashOneTimeToken(token);
    return this.events.transact(async (tx) => {
      const row = await lockUserToken(tx.em, hash, 'email-verification');
      if (!row || row.consumed_at) throw invalidToken();
      if (new Date(row.expires_at) <= new Date()) throw expiredToken();
      const verifiedAt = new Date().toISOString();
      const streamId = `user-${row.user_uuid}`;
      await tx.append(
        streamId,
        await tx.streamVersion(streamId),
        [
          newEvent(userEmailVerified, {
            userId: row.user_uuid,
            email: row.email,
            verifiedAt,
            consumedTokenHash: hash,
          }),
        ],
        context,
      );
      return { verified: true, email: row.email, verifiedAt };
    });
  }
}
