import { Module } from '@nestjs/common';
import { LIVE_SETTINGS, LiveSettings } from '@mindhill/messaging';
import { OutboundPolicy } from '@mindhill/platform';
import { ContentsModule } from '../contents/contents.module';
import { DataSourcesModule } from '../data-sources/data-sources.module';
import { INGESTION_CONFIG, OUTBOUND_POLICY } from '../ingestion-backbone.module';
import { IngestionConfig } from '../ingestion.config';
import { CancelStageJobsJob } from './application/cancel-stage-jobs/cancel-stage-jobs.job';
import { ListFetchingsQueryHandler } from './application/list-fetchings/list-fetchings.query';
import { RequestFetchingStageJob } from './application/request-fetching-stage/request-fetching-stage.job';
import { FETCHING_OPTIONS, FetchingOptions, RunFetchingStageJob } from './application/run-fetching-stage/run-fetching-stage.job';
import { FetchingWorkerLifecycle } from './infrastructure/fetching-worker.lifecycle';
import { FetchingsHttpController } from './interface/fetchings.http-controller';
import { StageRequestsKafkaController } from './interface/stage-requests.kafka-controller';

// The fetching stage: workflows' stage requests become queued jobs, the worker reads every data
// source (unsealing credentials with the data-sources cipher) and writes the bytes to the
// contents' store; finished executions cancel their pending jobs.
@Module({
  imports: [DataSourcesModule, ContentsModule],
  controllers: [FetchingsHttpController, StageRequestsKafkaController],
  providers: [
    {
      provide: FETCHING_OPTIONS,
      inject: [INGESTION_CONFIG, OUTBOUND_POLICY, LIVE_SETTINGS],
      useFactory: (config: IngestionConfig, outbound: OutboundPolicy, live: LiveSettings): FetchingOptions => ({
        timeoutMs: config.INGESTION_FETCH_TIMEOUT_MS,
        fileRoots: config.INGESTION_FILE_ROOTS,
        jobLeaseMs: config.INGESTION_JOB_LEASE_MS,
        progressEveryMs: config.INGESTION_PROGRESS_EVERY_MS,
        outbound,
        database: { allowHosts: config.INGESTION_DATABASE_ALLOW_HOSTS, platformDatabases: config.platformDatabases },
        // Read at every stage run: the seed's 100 MB until the setting is changed.
        get defaultMaxFileSizeMb() {
          return live.integer('max_file_size_mb', 100);
        },
      }),
    },
    ListFetchingsQueryHandler,
    RequestFetchingStageJob,
    CancelStageJobsJob,
    RunFetchingStageJob,
    FetchingWorkerLifecycle,
  ],
})
export class FetchingModule {}
