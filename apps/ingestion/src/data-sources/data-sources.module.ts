import { Module } from '@nestjs/common';
import { OutboundPolicy } from '@mindhill/platform';
import { INGESTION_CONFIG, OUTBOUND_POLICY } from '../ingestion-backbone.module';
import { IngestionConfig } from '../ingestion.config';
import { ArchiveDataSourceHandler } from './application/archive-data-source/archive-data-source.handler';
import { CreateDataSourceHandler } from './application/create-data-source/create-data-source.handler';
import { GetDataSourceQueryHandler } from './application/get-data-source/get-data-source.query';
import { ListDataSourcesQueryHandler } from './application/list-data-sources/list-data-sources.query';
import { UpdateDataSourceHandler } from './application/update-data-source/update-data-source.handler';
import { CredentialCipher } from './infrastructure/credential-cipher';
import { buildDataSourceDecider, DATA_SOURCE_DECIDER } from './infrastructure/data-source-rules';
import { DataSourcesHttpController } from './interface/data-sources.http-controller';

// Data sources: create, change, archive, list. Exports the credential cipher fetching and
// webhooks unseal secrets with; they read the sources themselves through the repository's plain
// functions.
@Module({
  controllers: [DataSourcesHttpController],
  providers: [
    {
      provide: CredentialCipher,
      inject: [INGESTION_CONFIG],
      useFactory: (config: IngestionConfig) => new CredentialCipher(config.DATA_SOURCE_SECRET_KEY),
    },
    {
      provide: DATA_SOURCE_DECIDER,
      inject: [INGESTION_CONFIG, OUTBOUND_POLICY, CredentialCipher],
      useFactory: (config: IngestionConfig, outbound: OutboundPolicy, cipher: CredentialCipher) =>
        buildDataSourceDecider(
          {
            fileRoots: config.INGESTION_FILE_ROOTS,
            outbound,
            database: { allowHosts: config.INGESTION_DATABASE_ALLOW_HOSTS, platformDatabases: config.platformDatabases },
          },
          cipher,
        ),
    },
    CreateDataSourceHandler,
    UpdateDataSourceHandler,
    ArchiveDataSourceHandler,
    ListDataSourcesQueryHandler,
    GetDataSourceQueryHandler,
  ],
  exports: [CredentialCipher],
})
export class DataSourcesModule {}
