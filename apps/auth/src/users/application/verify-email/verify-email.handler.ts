import { Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { hashOneTimeToken } from '../../domain/one-time-token';
import { userDecider } from '../../domain/user.decider';
import { appendToUser } from '../../infrastructure/user-stream.store';
import { lockTokenHolder } from '../../infrastructure/user-token.read-model';
import { userStateOf } from '../../infrastructure/user.read-model';
import { VerifyEmailAnswer } from './verify-email.schema';

// The link from the verification mail (public: the token is the proof); the token is spent.
@Injectable()
export class VerifyEmailHandler {
  constructor(private readonly events: EventStore) {}

  async execute(token: string, context: EventContext): Promise<VerifyEmailAnswer> {
    const hash = hashOneTimeToken(token);
    return this.events.transact(async (tx) => {
      const holder = await lockTokenHolder(tx.em, hash, 'email-verification');
      const now = new Date();
      const events = userDecider.decide(userStateOf(holder.user), { kind: 'verify-email', token: holder.token, tokenHash: hash, now });
      await appendToUser(tx, holder.user.uuid, events, context);
      return { verified: true, email: holder.user.email, verifiedAt: now.toISOString() };
    });
  }
}
