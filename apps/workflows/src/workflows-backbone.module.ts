import { DynamicModule, Module, Provider } from '@nestjs/common';
import {
  backboneProviders,
  KafkaClient,
  KafkaSettings,
  LiveSettings,
  liveSettingsProviders,
  settingsEnvironment,
} from '@mindhill/messaging';
import { createOrmConfig } from '@mindhill/persistence';
import { workflowsMigrations } from './migrations';
import { WorkflowsConfig } from './workflows.config';
import { workflowsProjections } from './workflows.projections';
import { workflowsSettingsProviders } from './workflows.settings';

export const workflowsOrmConfig = (config: Pick<WorkflowsConfig, 'WORKFLOWS_DATABASE_URL' | 'DATABASE_SSL_CA'>) =>
  createOrmConfig({
    clientUrl: config.WORKFLOWS_DATABASE_URL,
    sslCa: config.DATABASE_SSL_CA,
    entities: [],
    migrations: workflowsMigrations,
  });

// What every context of the service uses: the database, the event store and its relay, the
// live settings and the service's settings. Global, so each context module imports only the
// other contexts it really depends on. Its hooks run first at start and last at shutdown (the
// database closes after the workers stop).
@Module({})
export class WorkflowsBackboneModule {
  static forRoot(config: WorkflowsConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings): DynamicModule {
    // default_workflow_timeout, retention_period_days, max_concurrent_workflows(_per_user) and
    // min_schedule_interval_seconds apply as soon as an admin changes them.
    const live = new LiveSettings(settingsEnvironment(config.NODE_ENV));
    const providers: Provider[] = [
      ...backboneProviders({
        service: 'workflows',
        kafka,
        kafkaSettings,
        ormConfig: workflowsOrmConfig(config),
        projectors: workflowsProjections.projectors,
      }),
      ...liveSettingsProviders('workflows', live),
      ...workflowsSettingsProviders(config, live),
    ];
    return {
      module: WorkflowsBackboneModule,
      global: true,
      providers,
      exports: providers.map((p) => ('provide' in p ? p.provide : p)),
    };
  }
}
