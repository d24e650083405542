import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { ListSessionsQuery } from '../application/list-sessions/list-sessions.query';
import { LogoutHandler } from '../application/logout/logout.handler';
import { RefreshSessionHandler } from '../application/refresh-session/refresh-session.handler';
import { refreshSessionAnswer, RefreshSessionBody, refreshSessionBody } from '../application/refresh-session/refresh-session.schema';
import { RevokeAllSessionsHandler } from '../application/revoke-all-sessions/revoke-all-sessions.handler';
import { RevokeSessionHandler } from '../application/revoke-session/revoke-session.handler';
import { listSessionsAnswer } from '../application/list-sessions/list-sessions.schema';
import { revokeAllSessionsAnswer, revokedSessionAnswer } from '../application/revoke-session/revoke-session.schema';

@Controller('api/v1/auth')
export class SessionsHttpController {
  constructor(
    private readonly refreshSession: RefreshSessionHandler,
    private readonly logoutHandler: LogoutHandler,
    private readonly listSessions: ListSessionsQuery,
    private readonly revokeSession: RevokeSessionHandler,
    private readonly revokeAllSessions: RevokeAllSessionsHandler,
  ) {}

  @Post('refresh')
  @HttpCode(200)
  @Answer(refreshSessionAnswer)
  refresh(@Body(new ZodValidationPipe(refreshSessionBody)) body: RefreshSessionBody) {
    return this.refreshSession.execute(body.refreshToken, requestEventContext());
  }

  @Post('logout')
  @HttpCode(200)
  @Answer(revokedSessionAnswer)
  logout() {
    return this.logoutHandler.execute(requestEventContext());
  }

  @Get('sessions')
  @Answer(listSessionsAnswer)
  list() {
    return this.listSessions.execute(requestEventContext());
  }

  @Delete('sessions/:id')
  @HttpCode(200)
  @Answer(revokedSessionAnswer)
  revoke(@Param('id') id: string) {
    return this.revokeSession.execute(id, 'revoked-by-user', requestEventContext());
  }

  @Post('sessions/revoke-all')
  @HttpCode(200)
  @Answer(revokeAllSessionsAnswer)
  revokeAll() {
    return this.revokeAllSessions.execute(requestEventContext());
  }
}
