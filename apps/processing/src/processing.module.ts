import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { jobRetentionModule, KafkaClient, KafkaSettings } from '@mindhill/messaging';
import { HealthController, MetricsController } from '@mindhill/platform';
import { ContentFeedModule } from './content-feed/content-feed.module';
import { ProcessingBackboneModule } from './processing-backbone.module';
import { ProcessingConfig } from './processing.config';
import { SearchModule } from './search/search.module';
import { StagesModule } from './stages/stages.module';
import { WorkflowAccessModule } from './workflow-access/workflow-access.module';

// The processing service: one module per context (see README.md), on the shared backbone.
@Module({})
export class ProcessingModule {
  static forRoot(config: ProcessingConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings): DynamicModule {
    return {
      module: ProcessingModule,
      imports: [
        TerminusModule,
        ProcessingBackboneModule.forRoot(config, kafka, kafkaSettings),
        jobRetentionModule('processing'),
        ContentFeedModule,
        StagesModule,
        SearchModule,
        WorkflowAccessModule,
      ],
      controllers: [HealthController, MetricsController],
    };
  }
}
