import { Module } from '@nestjs/common';
import { SigningKeysModule } from '../signing-keys/signing-keys.module';
import { ListSessionsQuery } from './application/list-sessions/list-sessions.query';
import { LogoutHandler } from './application/logout/logout.handler';
import { OpenSessionHandler } from './application/open-session/open-session.handler';
import { RefreshSessionHandler } from './application/refresh-session/refresh-session.handler';
import { RevokeAllSessionsHandler } from './application/revoke-all-sessions/revoke-all-sessions.handler';
import { RevokeSessionHandler } from './application/revoke-session/revoke-session.handler';
import { SessionsHttpController } from './interface/sessions.http-controller';
import { sessionConfigProviders } from './sessions.config';

// Sessions: opened by a login (users), refreshed, listed, revoked. Ending every session of a user
// is offered to the users context (password change and reset, deactivation, deletion).
@Module({
  imports: [SigningKeysModule],
  controllers: [SessionsHttpController],
  providers: [
    ...sessionConfigProviders,
    OpenSessionHandler,
    RefreshSessionHandler,
    ListSessionsQuery,
    RevokeSessionHandler,
    LogoutHandler,
    RevokeAllSessionsHandler,
  ],
  exports: [OpenSessionHandler, RevokeAllSessionsHandler],
})
export class SessionsModule {}
