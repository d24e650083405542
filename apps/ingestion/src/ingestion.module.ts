import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { backboneProviders, KafkaClient, KafkaSettings } from '@mindhill/messaging';
import { createOrmConfig } from '@mindhill/persistence';
import { HealthController, MetricsController } from '@mindhill/platform';
import { IngestionConfig } from './ingestion.config';
import { ingestionMigrations } from './migrations';

export const ingestionOrmConfig = (config: Pick<IngestionConfig, 'INGESTION_DATABASE_URL' | 'DATABASE_SSL_CA'>) =>
  createOrmConfig({ clientUrl: config.INGESTION_DATABASE_URL, sslCa: config.DATABASE_SSL_CA, entities: [], migrations: ingestionMigrations });

// Joins the event backbone (own database, event store, outbox relay, probes, metrics); the
// ingestion use cases arrive with the pipeline work.
@Module({})
export class IngestionModule {
  static forRoot(config: IngestionConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings): DynamicModule {
    return {
      module: IngestionModule,
      imports: [TerminusModule],
      controllers: [HealthController, MetricsController],
      providers: [...backboneProviders({ service: 'ingestion', kafka, kafkaSettings, ormConfig: ingestionOrmConfig(config) })],
    };
  }
}
