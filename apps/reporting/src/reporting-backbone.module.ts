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
import { reportingMigrations } from './migrations';
import { ReportingConfig } from './reporting.config';
import { reportingProjections } from './reporting.projections';
import { reportingSettingsProviders } from './reporting.settings';

export const reportingOrmConfig = (config: Pick<ReportingConfig, 'REPORTING_DATABASE_URL' | 'DATABASE_SSL_CA'>) =>
  createOrmConfig({
    clientUrl: config.REPORTING_DATABASE_URL,
    sslCa: config.DATABASE_SSL_CA,
    entities: [],
    migrations: reportingMigrations,
  });

// The validated configuration, for the context modules' own providers.
export const REPORTING_CONFIG = Symbol('REPORTING_CONFIG');

// What every context of the service uses: the database, the event store and its relay, the live
// settings and the configuration. Global, so each context module imports only the other contexts it really
// depends on. Its hooks run first at start and last at shutdown (the database closes after the
// render worker stops).
@Module({})
export class ReportingBackboneModule {
  static forRoot(config: ReportingConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings): DynamicModule {
    // min_schedule_interval_seconds and the retention days (issue 11) apply as soon as an admin
    // changes them.
    const live = new LiveSettings(settingsEnvironment(config.NODE_ENV));
    const providers: Provider[] = [
      ...backboneProviders({
        service: 'reporting',
        kafka,
        kafkaSettings,
        ormConfig: reportingOrmConfig(config),
        projectors: reportingProjections.projectors,
      }),
      ...liveSettingsProviders('reporting', live),
      ...reportingSettingsProviders(config, live),
      { provide: REPORTING_CONFIG, useValue: config },
    ];
    return {
      module: ReportingBackboneModule,
      global: true,
      providers,
      exports: providers.map((p) => ('provide' in p ? p.provide : p)),
    };
  }
}
