import { Module } from '@nestjs/common';
import { PurgeExpiredSessionsHandler } from './application/purge-expired-sessions/purge-expired-sessions.handler';
import { SessionRetentionHttpController } from './interface/session-retention.http-controller';

// Retention of ended sessions and used or expired reset/verification tokens: on an admin's
// request (a dry run by default).
@Module({
  controllers: [SessionRetentionHttpController],
  providers: [PurgeExpiredSessionsHandler],
})
export class RetentionModule {}
