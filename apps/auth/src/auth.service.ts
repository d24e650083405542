import { kafkaFromEnv } from '@mindhill/messaging';
import { ServiceBootstrap } from '@mindhill/platform';
import { AuthConfig } from './auth.config';
import { AuthModule } from './auth.module';

export function authService(config: AuthConfig): ServiceBootstrap {
  const { kafka, kafkaSettings } = kafkaFromEnv('auth', config);
  return {
    service: 'auth',
    module: AuthModule.forRoot(config, kafka, kafkaSettings),
    port: config.AUTH_PORT,
    host: config.AUTH_HOST,
    logLevel: config.LOG_LEVEL,
    internalToken: config.INTERNAL_API_TOKEN,
  };
}
