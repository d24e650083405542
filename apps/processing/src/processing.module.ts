import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { backboneProviders, KafkaClient, KafkaSettings } from '@mindhill/messaging';
import { createOrmConfig } from '@mindhill/persistence';
import { HealthController, MetricsController } from '@mindhill/platform';
import { RecordFetchedContentJob } from './content-feed/application/record-fetched-content/record-fetched-content.job';
import { ContentArrivals } from './content-feed/infrastructure/content-arrivals';
import { ContentFeedKafkaController } from './content-feed/interface/content-feed.kafka-controller';
import { ProcessingConfig } from './processing.config';
import { processingMigrations } from './migrations';
import { processingProjections } from './processing.projections';
import { ListHistoryQueryHandler } from './search/application/list-history/list-history.query';
import { SearchContentsQueryHandler } from './search/application/search-contents/search-contents.query';
import { SearchHttpController } from './search/interface/search.http-controller';
import { CancelStageJobsJob } from './stages/application/cancel-stage-jobs/cancel-stage-jobs.job';
import { RequestStageJob } from './stages/application/request-stage/request-stage.job';
import { STAGE_WORKER_OPTIONS, StageWorkerLifecycle, StageWorkerOptions } from './stages/infrastructure/stage-worker.lifecycle';
import { StageRequestsKafkaController } from './stages/interface/stage-requests.kafka-controller';
import { WorkflowAccessKafkaController } from './workflow-access/interface/workflow-access.kafka-controller';

export const processingOrmConfig = (config: Pick<ProcessingConfig, 'PROCESSING_DATABASE_URL' | 'DATABASE_SSL_CA'>) =>
  createOrmConfig({
    clientUrl: config.PROCESSING_DATABASE_URL,
    sslCa: config.DATABASE_SSL_CA,
    entities: [],
    migrations: processingMigrations,
  });

@Module({})
export class ProcessingModule {
  static forRoot(config: ProcessingConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings): DynamicModule {
    return {
      module: ProcessingModule,
      imports: [TerminusModule],
      controllers: [
        HealthController,
        MetricsController,
        SearchHttpController,
        ContentFeedKafkaController,
        StageRequestsKafkaController,
        WorkflowAccessKafkaController,
      ],
      providers: [
        ...backboneProviders({
          service: 'processing',
          kafka,
          kafkaSettings,
          ormConfig: processingOrmConfig(config),
          projectors: processingProjections.projectors,
        }),
        {
          provide: STAGE_WORKER_OPTIONS,
          useValue: {
            contentStoreDir: config.CONTENT_STORE_DIR,
            inputPollMs: config.PROCESSING_INPUT_POLL_MS,
            concurrency: config.PROCESSING_STAGE_CONCURRENCY,
            maxItemBytes: config.PROCESSING_MAX_ITEM_BYTES,
          } satisfies StageWorkerOptions,
        },
        ContentArrivals,
        StageWorkerLifecycle,
        RecordFetchedContentJob,
        RequestStageJob,
        CancelStageJobsJob,
        SearchContentsQueryHandler,
        ListHistoryQueryHandler,
      ],
    };
  }
}
