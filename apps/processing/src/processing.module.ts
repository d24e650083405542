import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { backboneProviders, KafkaClient, KafkaSettings } from '@mindhill/messaging';
import { createOrmConfig } from '@mindhill/persistence';
import { HealthController, MetricsController } from '@mindhill/platform';
import { ProcessingConfig } from './processing.config';
import { processingMigrations } from './migrations';

export const processingOrmConfig = (config: Pick<ProcessingConfig, 'PROCESSING_DATABASE_URL' | 'DATABASE_SSL_CA'>) =>
  createOrmConfig({ clientUrl: config.PROCESSING_DATABASE_URL, sslCa: config.DATABASE_SSL_CA, entities: [], migrations: processingMigrations });

// Joins the event backbone (own database, event store, outbox relay, probes, metrics); the
// processing use cases arrive with the pipeline work.
@Module({})
export class ProcessingModule {
  static forRoot(config: ProcessingConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings): DynamicModule {
    return {
      module: ProcessingModule,
      imports: [TerminusModule],
      controllers: [HealthController, MetricsController],
      providers: [...backboneProviders({ service: 'processing', kafka, kafkaSettings, ormConfig: processingOrmConfig(config) })],
    };
  }
}
