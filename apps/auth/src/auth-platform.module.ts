import { DynamicModule, Module, Provider } from '@nestjs/common';
import { backboneProviders, KafkaClient, KafkaSettings, LIVE_SETTINGS, LiveSettings, OutboxRelayOptions } from '@mindhill/messaging';
import { createOrmConfig } from '@mindhill/persistence';
import { AUTH_CONFIG, AuthConfig } from './auth.config';
import { authProjections } from './auth.projections';
import { authMigrations } from './migrations';
import { Setting } from './settings/infrastructure/setting.entity';
import { User } from './users/infrastructure/user.entity';

export const authOrmConfig = (config: Pick<AuthConfig, 'AUTH_DATABASE_URL' | 'DATABASE_SSL_CA'>) =>
  createOrmConfig({
    clientUrl: config.AUTH_DATABASE_URL,
    sslCa: config.DATABASE_SSL_CA,
    entities: [User, Setting],
    migrations: authMigrations,
  });

// What every auth context shares: the event store and Kafka backbone, the configuration, and
// the live settings. Global, so each context module declares only its own providers.
@Module({})
export class AuthPlatformModule {
  static forRoot(
    config: AuthConfig,
    live: LiveSettings,
    kafka: KafkaClient,
    kafkaSettings: KafkaSettings,
    relay?: OutboxRelayOptions,
  ): DynamicModule {
    const providers: Provider[] = [
      ...backboneProviders({
        service: 'auth',
        kafka,
        kafkaSettings,
        ormConfig: authOrmConfig(config),
        projectors: authProjections.projectors,
        relay,
      }),
      { provide: AUTH_CONFIG, useValue: config },
      { provide: LIVE_SETTINGS, useValue: live },
    ];
    return {
      module: AuthPlatformModule,
      global: true,
      providers,
      exports: providers.map((p) => ('provide' in p ? p.provide : p)),
    };
  }
}
