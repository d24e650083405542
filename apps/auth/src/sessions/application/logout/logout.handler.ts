import { Injectable } from '@nestjs/common';
import { DomainError } from '@mindhill/domain';
import { EventContext } from '@mindhill/persistence';
import { RevokeSessionHandler } from '../revoke-session/revoke-session.handler';

// Ends the session the access token belongs to.
@Injectable()
export class LogoutHandler {
  constructor(private readonly revokeSession: RevokeSessionHandler) {}

  execute(context: EventContext): Promise<{ id: string; revoked: true }> {
    if (!context.actor.sessionId) throw new DomainError('AUTH.UNAUTHENTICATED', 'Sign in first', 'unauthorized');
    return this.revokeSession.execute(context.actor.sessionId, 'logout', context);
  }
}
