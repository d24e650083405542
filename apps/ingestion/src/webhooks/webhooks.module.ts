import { Module } from '@nestjs/common';
import { ContentsModule } from '../contents/contents.module';
import { DataSourcesModule } from '../data-sources/data-sources.module';
import { INGESTION_CONFIG } from '../ingestion-backbone.module';
import { IngestionConfig } from '../ingestion.config';
import { ReceiveWebhookHandler, WEBHOOK_OPTIONS, WebhookOptions } from './application/receive-webhook/receive-webhook.handler';
import { WebhookHttpController } from './interface/webhook.http-controller';

// Signed webhook deliveries of `webhook` sources: verified with the source's secret (the
// data-sources cipher), kept in the contents' store for the next fetch.
@Module({
  imports: [DataSourcesModule, ContentsModule],
  controllers: [WebhookHttpController],
  providers: [
    {
      provide: WEBHOOK_OPTIONS,
      inject: [INGESTION_CONFIG],
      useFactory: (config: IngestionConfig): WebhookOptions => ({ toleranceSeconds: config.INGESTION_WEBHOOK_TOLERANCE_SECONDS }),
    },
    ReceiveWebhookHandler,
  ],
})
export class WebhooksModule {}
