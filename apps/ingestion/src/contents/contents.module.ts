import { Module } from '@nestjs/common';
import { INGESTION_CONFIG } from '../ingestion-backbone.module';
import { IngestionConfig } from '../ingestion.config';
import { GetContentQueryHandler } from './application/get-content/get-content.query';
import { ListContentsQueryHandler } from './application/list-contents/list-contents.query';
import { ContentStore } from './infrastructure/content-store';
import { ContentsHttpController } from './interface/contents.http-controller';

// Fetched contents: listed and read through the access rule. Exports the content store the
// fetching stage and webhook deliveries write their bytes to.
@Module({
  controllers: [ContentsHttpController],
  providers: [
    {
      provide: ContentStore,
      inject: [INGESTION_CONFIG],
      useFactory: (config: IngestionConfig) => new ContentStore(config.CONTENT_STORE_DIR),
    },
    ListContentsQueryHandler,
    GetContentQueryHandler,
  ],
  exports: [ContentStore],
})
export class ContentsModule {}
