import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { jobRetentionModule, KafkaClient, KafkaSettings } from '@mindhill/messaging';
import { HealthController, MetricsController } from '@mindhill/platform';
import { ContentsModule } from './contents/contents.module';
import { DataSourcesModule } from './data-sources/data-sources.module';
import { FetchingModule } from './fetching/fetching.module';
import { IngestionBackboneModule } from './ingestion-backbone.module';
import { IngestionConfig } from './ingestion.config';
import { RetentionModule } from './retention/retention.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WorkflowAccessModule } from './workflow-access/workflow-access.module';

// The ingestion service: one module per context (see README.md), on the shared backbone.
@Module({})
export class IngestionModule {
  static forRoot(config: IngestionConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings): DynamicModule {
    return {
      module: IngestionModule,
      imports: [
        TerminusModule,
        IngestionBackboneModule.forRoot(config, kafka, kafkaSettings),
        jobRetentionModule('ingestion'),
        DataSourcesModule,
        ContentsModule,
        FetchingModule,
        WebhooksModule,
        WorkflowAccessModule,
        RetentionModule,
      ],
      controllers: [HealthController, MetricsController],
    };
  }
}
