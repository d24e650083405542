import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { PurgeExpiredSessionsHandler } from '../application/purge-expired-sessions/purge-expired-sessions.handler';
import { PurgeExpiredSessionsBody, purgeExpiredSessionsBody } from '../application/purge-expired-sessions/purge-expired-sessions.schema';
import { retentionReceiptSchema } from '@mindhill/contracts';

@Controller('api/v1/auth/sessions/retention')
export class SessionRetentionHttpController {
  constructor(private readonly purgeExpiredSessions: PurgeExpiredSessionsHandler) {}

  @Post()
  @HttpCode(200)
  @Answer(retentionReceiptSchema)
  run(@Body(new ZodValidationPipe(purgeExpiredSessionsBody)) body: PurgeExpiredSessionsBody) {
    return this.purgeExpiredSessions.execute(body, requestEventContext());
  }
}
