import { Provider } from '@nestjs/common';
import { LIVE_SETTINGS, LiveSettings } from '@mindhill/messaging';
import { AUTH_CONFIG, AuthConfig } from '../auth.config';
import { SessionPolicy } from './domain/session.decider';

export const SESSION_POLICY = Symbol('SESSION_POLICY');

// session_timeout_hours applies to the next login or refresh once an admin changes it.
export const sessionConfigProviders: Provider[] = [
  {
    provide: SESSION_POLICY,
    inject: [AUTH_CONFIG, LIVE_SETTINGS],
    useFactory: (config: AuthConfig, live: LiveSettings): SessionPolicy => ({
      get idleHours() {
        return live.integer('session_timeout_hours', config.AUTH_SESSION_IDLE_HOURS);
      },
      absoluteHours: config.AUTH_SESSION_ABSOLUTE_HOURS,
      accessTokenSeconds: config.JWT_TTL_SECONDS,
    }),
  },
];
