import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { backboneProviders, KafkaClient, KafkaSettings } from '@mindhill/messaging';
import { createOrmConfig } from '@mindhill/persistence';
import { HealthController, MetricsController } from '@mindhill/platform';
import { ReportingConfig } from './reporting.config';
import { reportingMigrations } from './migrations';

export const reportingOrmConfig = (config: Pick<ReportingConfig, 'REPORTING_DATABASE_URL' | 'DATABASE_SSL_CA'>) =>
  createOrmConfig({ clientUrl: config.REPORTING_DATABASE_URL, sslCa: config.DATABASE_SSL_CA, entities: [], migrations: reportingMigrations });

// Joins the event backbone (own database, event store, outbox relay, probes, metrics); the
// reporting use cases arrive with the pipeline work.
@Module({})
export class ReportingModule {
  static forRoot(config: ReportingConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings): DynamicModule {
    return {
      module: ReportingModule,
      imports: [TerminusModule],
      controllers: [HealthController, MetricsController],
      providers: [...backboneProviders({ service: 'reporting', kafka, kafkaSettings, ormConfig: reportingOrmConfig(config) })],
    };
  }
}
