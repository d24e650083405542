import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { backboneProviders, KafkaClient, KafkaSettings } from '@mindhill/messaging';
import { createOrmConfig } from '@mindhill/persistence';
import { HealthController, MetricsController } from '@mindhill/platform';
import { WorkflowsConfig } from './workflows.config';
import { workflowsMigrations } from './migrations';

export const workflowsOrmConfig = (config: Pick<WorkflowsConfig, 'WORKFLOWS_DATABASE_URL' | 'DATABASE_SSL_CA'>) =>
  createOrmConfig({ clientUrl: config.WORKFLOWS_DATABASE_URL, sslCa: config.DATABASE_SSL_CA, entities: [], migrations: workflowsMigrations });

// Joins the event backbone (own database, event store, outbox relay, probes, metrics); the
// workflows use cases arrive with the pipeline work.
@Module({})
export class WorkflowsModule {
  static forRoot(config: WorkflowsConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings): DynamicModule {
    return {
      module: WorkflowsModule,
      imports: [TerminusModule],
      controllers: [HealthController, MetricsController],
      providers: [...backboneProviders({ service: 'workflows', kafka, kafkaSettings, ormConfig: workflowsOrmConfig(config) })],
    };
  }
}
