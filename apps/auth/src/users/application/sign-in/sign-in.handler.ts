import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventContext, EventTransaction, NewEvent } from '@mindhill/persistence';
import { OpenSessionHandler } from '../../../sessions/application/open-session/open-session.handler';
import { TokenIssuer } from '../../../signing-keys/infrastructure/token-issuer';
import { appendToUser } from '../../infrastructure/user-stream.store';
import { User } from '../../infrastructure/user.entity';

export type SignedIn = {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  sessionId: string;
  user: { id: string; email: string; displayName: string; role: string };
};

// The end of every successful login (login-user, complete-two-factor-login): the decision's
// events (logged-in, after any second-factor one) as the user, a new session, then the tokens.
@Injectable()
export class SignInHandler {
  constructor(
    private readonly tokens: TokenIssuer,
    private readonly openSession: OpenSessionHandler,
  ) {}

  // userVersion: the user stream's version read before `user` was read, which the access token
  // carries (ver): the gateway refuses tokens older than a role change, deactivation or lockout,
  // and a change committed after the read is newer than ver.
  async within(
    tx: EventTransaction,
    user: User,
    events: readonly NewEvent[],
    context: EventContext,
    userVersion: number,
  ): Promise<{ sessionId: string; refreshToken: string; userVersion: number }> {
    const sessionId = randomUUID();
    const asUser = {
      ...context,
      actor: { ...context.actor, userId: user.uuid, userNumber: user.id, email: user.email, role: user.role, sessionId },
    };
    await appendToUser(tx, user.uuid, events, asUser);
    const refreshToken = await this.openSession.within(tx, user, sessionId, asUser);
    return { sessionId, refreshToken, userVersion };
  }

  async tokensFor(user: User, sessionId: string, refreshToken: string, userVersion: number): Promise<SignedIn> {
    const token = await this.tokens.issue({
      userId: user.uuid,
      userNumber: user.id,
      email: user.email,
      role: user.role,
      sessionId,
      userVersion,
    });
    return {
      ...token,
      tokenType: 'Bearer',
      refreshToken,
      sessionId,
      user: { id: user.uuid, email: user.email, displayName: user.displayName, role: user.role },
    };
  }
}
