import { Module } from '@nestjs/common';
import { ContentFeedModule } from '../content-feed/content-feed.module';
import { PROCESSING_CONFIG } from '../processing-backbone.module';
import { ProcessingConfig } from '../processing.config';
import { CancelStageJobsJob } from './application/cancel-stage-jobs/cancel-stage-jobs.job';
import { RequestStageJob } from './application/request-stage/request-stage.job';
import { STAGE_WORKER_OPTIONS, StageWorkerLifecycle, StageWorkerOptions } from './infrastructure/stage-worker.lifecycle';
import { StageRequestsKafkaController } from './interface/stage-requests.kafka-controller';

// The processing stages: workflows' stage requests become queued jobs, the worker runs them over
// the content feed's read model (waking on its arrivals); finished executions cancel their
// pending jobs.
@Module({
  imports: [ContentFeedModule],
  controllers: [StageRequestsKafkaController],
  providers: [
    {
      provide: STAGE_WORKER_OPTIONS,
      inject: [PROCESSING_CONFIG],
      useFactory: (config: ProcessingConfig): StageWorkerOptions => ({
        contentStoreDir: config.CONTENT_STORE_DIR,
        inputPollMs: config.PROCESSING_INPUT_POLL_MS,
        concurrency: config.PROCESSING_STAGE_CONCURRENCY,
        maxItemBytes: config.PROCESSING_MAX_ITEM_BYTES,
        progressEveryMs: config.PROCESSING_PROGRESS_EVERY_MS,
      }),
    },
    StageWorkerLifecycle,
    RequestStageJob,
    CancelStageJobsJob,
  ],
})
export class StagesModule {}
