import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { DomainError, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { SessionHandlers } from '../application/session.handlers';

const refreshBody = z.strictObject({ refreshToken: z.string().min(20).max(200) });

@Controller('api/v1/auth')
export class SessionsHttpController {
  constructor(private readonly sessions: SessionHandlers) {}

  @Post('refresh')
  @HttpCode(200)
  refresh(@Body(new ZodValidationPipe(refreshBody)) body: z.infer<typeof refreshBody>) {
    return this.sessions.refresh(body.refreshToken, requestEventContext());
  }

  @Post('logout')
  @HttpCode(200)
  logout() {
    const context = requestEventContext();
    if (!context.actor.sessionId) throw new DomainError('AUTH.UNAUTHENTICATED', 'Sign in first', 'unauthorized');
    return this.sessions.revoke(context.actor.sessionId, 'logout', context);
  }

  @Get('sessions')
  list() {
    return this.sessions.list(requestEventContext());
  }

  @Delete('sessions/:id')
  @HttpCode(200)
  revoke(@Param('id') id: string) {
    return this.sessions.revoke(id, 'revoked-by-user', requestEventContext());
  }

  @Post('sessions/revoke-all')
  @HttpCode(200)
  revokeAll() {
    return this.sessions.revokeAll(requestEventContext());
  }
}
