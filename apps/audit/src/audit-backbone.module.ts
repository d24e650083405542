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
import { AuditConfig } from './audit.config';
import { DeadLetter } from './dead-letters/infrastructure/dead-letter.entity';
import { deadLetterProjector } from './dead-letters/infrastructure/dead-letter.projector';
import { auditMigrations } from './migrations';

export const auditOrmConfig = (config: Pick<AuditConfig, 'AUDIT_DATABASE_URL' | 'DATABASE_SSL_CA'>) =>
  createOrmConfig({
    clientUrl: config.AUDIT_DATABASE_URL,
    sslCa: config.DATABASE_SSL_CA,
    entities: [DeadLetter],
    migrations: auditMigrations,
    poolMax: 5,
  });

// The validated configuration, for the context modules' own providers.
export const AUDIT_CONFIG = Symbol('AUDIT_CONFIG');

// What every context of the service uses: the database, the event store (with the dead letters'
// projector) and its relay, and the configuration. Global, so each context module imports only
// the other contexts it really depends on. Its hooks run first at start and last at shutdown
// (the database closes after the retention worker and the dead-letter consumer stop).
@Module({})
export class AuditBackboneModule {
  static forRoot(config: AuditConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings): DynamicModule {
    // Live settings (retention days, issue 11) apply as soon as an admin changes them.
    const live = new LiveSettings(settingsEnvironment(config.NODE_ENV));
    const providers: Provider[] = [
      ...backboneProviders({
        service: 'audit',
        kafka,
        kafkaSettings,
        ormConfig: auditOrmConfig(config),
        projectors: [deadLetterProjector],
      }),
      ...liveSettingsProviders('audit', live),
      { provide: AUDIT_CONFIG, useValue: config },
    ];
    return {
      module: AuditBackboneModule,
      global: true,
      providers,
      exports: providers.map((p) => ('provide' in p ? p.provide : p)),
    };
  }
}
