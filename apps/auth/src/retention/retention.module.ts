import { Module } from '@nestjs/common';
import { PurgeExpiredSessionsHandler } from './application/purge-expired-sessions/purge-expired-sessions.handler';
import { PurgeExpiredSessionsJob } from './application/purge-expired-sessions/purge-expired-sessions.job';
import { SessionRetentionHttpController } from './interface/session-retention.http-controller';

// Retention of ended sessions and used or expired reset/verification tokens: daily, and on an
// admin's request (a dry run by default).
@Module({
  controllers: [SessionRetentionHttpController],
  providers: [PurgeExpiredSessionsHandler, PurgeExpiredSessionsJob],
})
export class RetentionModule {}
