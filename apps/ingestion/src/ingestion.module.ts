import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import {
  backboneProviders,
  KafkaClient,
  KafkaSettings,
  LiveSettings,
  liveSettingsProviders,
  settingsEnvironment,
} from '@mindhill/messaging';
import { createOrmConfig } from '@mindhill/persistence';
import { HealthController, MetricsController, OutboundPolicy } from '@mindhill/platform';
import { GetContentQueryHandler } from './contents/application/get-content/get-content.query';
import { ListContentsQueryHandler } from './contents/application/list-contents/list-contents.query';
import { ContentStore } from './contents/infrastructure/content-store';
import { ContentsHttpController } from './contents/interface/contents.http-controller';
import { ArchiveDataSourceHandler } from './data-sources/application/archive-data-source/archive-data-source.handler';
import { CreateDataSourceHandler } from './data-sources/application/create-data-source/create-data-source.handler';
import { GetDataSourceQueryHandler } from './data-sources/application/get-data-source/get-data-source.query';
import { ListDataSourcesQueryHandler } from './data-sources/application/list-data-sources/list-data-sources.query';
import { UpdateDataSourceHandler } from './data-sources/application/update-data-source/update-data-source.handler';
import { DatabaseSourcePolicy } from './data-sources/domain/database-source-policy';
import { CredentialCipher } from './data-sources/infrastructure/credential-cipher';
import { buildDataSourceDecider, DATA_SOURCE_DECIDER } from './data-sources/infrastructure/data-source-rules';
import { DataSourcesHttpController } from './data-sources/interface/data-sources.http-controller';
import { ListFetchingsQueryHandler } from './fetching/application/list-fetchings/list-fetchings.query';
import { CancelStageJobsJob } from './fetching/application/cancel-stage-jobs/cancel-stage-jobs.job';
import { RequestFetchingStageJob } from './fetching/application/request-fetching-stage/request-fetching-stage.job';
import { FETCHING_OPTIONS, FetchingOptions, RunFetchingStageJob } from './fetching/application/run-fetching-stage/run-fetching-stage.job';
import { FetchingWorkerLifecycle } from './fetching/infrastructure/fetching-worker.lifecycle';
import { FetchingsHttpController } from './fetching/interface/fetchings.http-controller';
import { StageRequestsKafkaController } from './fetching/interface/stage-requests.kafka-controller';
import { WorkflowAccessKafkaController } from './workflow-access/interface/workflow-access.kafka-controller';
import { IngestionConfig, ingestionOutboundPolicy } from './ingestion.config';
import { ingestionProjectors } from './ingestion.projections';
import { ingestionMigrations } from './migrations';
import { ReceiveWebhookHandler, WEBHOOK_OPTIONS, WebhookOptions } from './webhooks/application/receive-webhook/receive-webhook.handler';
import { WebhookHttpController } from './webhooks/interface/webhook.http-controller';

export const ingestionOrmConfig = (config: Pick<IngestionConfig, 'INGESTION_DATABASE_URL' | 'DATABASE_SSL_CA'>) =>
  createOrmConfig({
    clientUrl: config.INGESTION_DATABASE_URL,
    sslCa: config.DATABASE_SSL_CA,
    entities: [],
    migrations: ingestionMigrations,
  });

export const OUTBOUND_POLICY = Symbol('OUTBOUND_POLICY');

@Module({})
export class IngestionModule {
  static forRoot(config: IngestionConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings): DynamicModule {
    // One policy object: the service adds the port it really listens on once bound.
    const outbound: OutboundPolicy = ingestionOutboundPolicy(config);
    // max_file_size_mb applies to the next fetching stage once an admin changes it.
    const live = new LiveSettings(settingsEnvironment(config.NODE_ENV));
    const databasePolicy: DatabaseSourcePolicy = {
      allowHosts: config.INGESTION_DATABASE_ALLOW_HOSTS,
      platformDatabases: config.platformDatabases,
    };
    const cipher = new CredentialCipher(config.DATA_SOURCE_SECRET_KEY);
    return {
      module: IngestionModule,
      imports: [TerminusModule],
      controllers: [
        HealthController,
        MetricsController,
        DataSourcesHttpController,
        WebhookHttpController,
        FetchingsHttpController,
        ContentsHttpController,
        StageRequestsKafkaController,
        WorkflowAccessKafkaController,
      ],
      providers: [
        ...backboneProviders({
          service: 'ingestion',
          kafka,
          kafkaSettings,
          ormConfig: ingestionOrmConfig(config),
          projectors: ingestionProjectors,
        }),
        { provide: CredentialCipher, useValue: cipher },
        { provide: ContentStore, useValue: new ContentStore(config.CONTENT_STORE_DIR) },
        { provide: OUTBOUND_POLICY, useValue: outbound },
        {
          provide: DATA_SOURCE_DECIDER,
          useValue: buildDataSourceDecider({ fileRoots: config.INGESTION_FILE_ROOTS, outbound, database: databasePolicy }, cipher),
        },
        { provide: WEBHOOK_OPTIONS, useValue: { toleranceSeconds: config.INGESTION_WEBHOOK_TOLERANCE_SECONDS } satisfies WebhookOptions },
        ...liveSettingsProviders('ingestion', live),
        {
          provide: FETCHING_OPTIONS,
          useValue: {
            timeoutMs: config.INGESTION_FETCH_TIMEOUT_MS,
            fileRoots: config.INGESTION_FILE_ROOTS,
            jobLeaseMs: config.INGESTION_JOB_LEASE_MS,
            outbound,
            database: databasePolicy,
            // Read at every stage run: the seed's 100 MB until the setting is changed.
            get defaultMaxFileSizeMb() {
              return live.integer('max_file_size_mb', 100);
            },
          } satisfies FetchingOptions,
        },
        CreateDataSourceHandler,
        UpdateDataSourceHandler,
        ArchiveDataSourceHandler,
        ListDataSourcesQueryHandler,
        GetDataSourceQueryHandler,
        ReceiveWebhookHandler,
        ListFetchingsQueryHandler,
        ListContentsQueryHandler,
        GetContentQueryHandler,
        RequestFetchingStageJob,
        CancelStageJobsJob,
        RunFetchingStageJob,
        FetchingWorkerLifecycle,
      ],
    };
  }
}
