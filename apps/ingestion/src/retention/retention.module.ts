import { Module } from '@nestjs/common';
import { ContentsModule } from '../contents/contents.module';
import { RemoveExpiredContentsHandler } from './application/remove-expired-contents/remove-expired-contents.handler';
import { RemoveExpiredContentsJob } from './application/remove-expired-contents/remove-expired-contents.job';
import { ContentRetentionHttpController } from './interface/content-retention.http-controller';

// Retention of fetched contents and their blobs: daily, and on an admin's request (a dry
// run by default).
@Module({
  imports: [ContentsModule],
  controllers: [ContentRetentionHttpController],
  providers: [RemoveExpiredContentsHandler, RemoveExpiredContentsJob],
})
export class RetentionModule {}
