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
import { IngestionConfig, ingestionOutboundPolicy } from './ingestion.config';
import { ingestionProjectors } from './ingestion.projections';
import { ingestionMigrations } from './migrations';

export const ingestionOrmConfig = (config: Pick<IngestionConfig, 'INGESTION_DATABASE_URL' | 'DATABASE_SSL_CA'>) =>
  createOrmConfig({
    clientUrl: config.INGESTION_DATABASE_URL,
    sslCa: config.DATABASE_SSL_CA,
    entities: [],
    migrations: ingestionMigrations,
  });

// The validated configuration, for the context modules' own providers.
export const INGESTION_CONFIG = Symbol('INGESTION_CONFIG');
// The outbound guard of `api` sources: one object, to which the service adds the port it really
// listens on once bound (data sources check URLs at save, fetching at every request).
export const OUTBOUND_POLICY = Symbol('OUTBOUND_POLICY');

// What every context of the service uses: the database, the event store and its relay, the
// live settings, the configuration and the outbound policy. Global, so each context module
// imports only the other contexts it really depends on. Its hooks run first at start and last
// at shutdown (the database closes after the fetching worker stops).
@Module({})
export class IngestionBackboneModule {
  static forRoot(config: IngestionConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings): DynamicModule {
    // max_file_size_mb applies to the next fetching stage once an admin changes it.
    const live = new LiveSettings(settingsEnvironment(config.NODE_ENV));
    const providers: Provider[] = [
      ...backboneProviders({
        service: 'ingestion',
        kafka,
        kafkaSettings,
        ormConfig: ingestionOrmConfig(config),
        projectors: ingestionProjectors,
      }),
      ...liveSettingsProviders('ingestion', live),
      { provide: INGESTION_CONFIG, useValue: config },
      { provide: OUTBOUND_POLICY, useValue: ingestionOutboundPolicy(config) },
    ];
    return {
      module: IngestionBackboneModule,
      global: true,
      providers,
      exports: providers.map((p) => ('provide' in p ? p.provide : p)),
    };
  }
}
