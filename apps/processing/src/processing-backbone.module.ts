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
import { processingMigrations } from './migrations';
import { ProcessingConfig } from './processing.config';
import { processingProjections } from './processing.projections';

export const processingOrmConfig = (config: Pick<ProcessingConfig, 'PROCESSING_DATABASE_URL' | 'DATABASE_SSL_CA'>) =>
  createOrmConfig({
    clientUrl: config.PROCESSING_DATABASE_URL,
    sslCa: config.DATABASE_SSL_CA,
    entities: [],
    migrations: processingMigrations,
  });

// The validated configuration, for the context modules' own providers.
export const PROCESSING_CONFIG = Symbol('PROCESSING_CONFIG');

// What every context of the service uses: the database, the event store and its relay, and the
// configuration. Global, so each context module imports only the other contexts it really
// depends on. Its hooks run first at start and last at shutdown (the database closes after the
// stage worker stops).
@Module({})
export class ProcessingBackboneModule {
  static forRoot(config: ProcessingConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings): DynamicModule {
    // Live settings (retention days, issue 11) apply as soon as an admin changes them.
    const live = new LiveSettings(settingsEnvironment(config.NODE_ENV));
    const providers: Provider[] = [
      ...backboneProviders({
        service: 'processing',
        kafka,
        kafkaSettings,
        ormConfig: processingOrmConfig(config),
        projectors: processingProjections.projectors,
      }),
      ...liveSettingsProviders('processing', live),
      { provide: PROCESSING_CONFIG, useValue: config },
    ];
    return {
      module: ProcessingBackboneModule,
      global: true,
      providers,
      exports: providers.map((p) => ('provide' in p ? p.provide : p)),
    };
  }
}
