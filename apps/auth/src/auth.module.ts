import { DynamicModule, Module } from '@nestjs/common';
import { backboneProviders, KafkaClient, KafkaSettings, OutboxRelayOptions } from '@mindhill/messaging';
import { createOrmConfig } from '@mindhill/persistence';
import { HealthController, MetricsController } from '@mindhill/platform';
import { TerminusModule } from '@nestjs/terminus';
import { AuthConfig } from './auth.config';
import { authMigrations } from './migrations';
import { ADMIN_SEED, AdminSeed, BootstrapAdminService } from './users/application/bootstrap-admin/bootstrap-admin.service';
import { LOCKOUT_POLICY, LoginUserHandler } from './users/application/login-user/login-user.handler';
import { RegisterUserHandler } from './users/application/register-user/register-user.handler';
import { PasswordHasher } from './users/infrastructure/password-hasher';
import { TokenIssuer } from './users/infrastructure/token-issuer';
import { User } from './users/infrastructure/user.entity';
import { authProjections } from './auth.projections';
import { UnlockUserHandler } from './users/application/unlock-user/unlock-user.handler';
import { AdminUsersHttpController } from './users/interface/admin-users.http-controller';
import { AuthHttpController } from './users/interface/auth.http-controller';
import { SESSION_POLICY, SessionHandlers } from './sessions/application/session.handlers';
import { SessionsHttpController } from './sessions/interface/sessions.http-controller';

export const authOrmConfig = (config: Pick<AuthConfig, 'AUTH_DATABASE_URL' | 'DATABASE_SSL_CA'>) =>
  createOrmConfig({ clientUrl: config.AUTH_DATABASE_URL, sslCa: config.DATABASE_SSL_CA, entities: [User], migrations: authMigrations });

@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings, relay?: OutboxRelayOptions): DynamicModule {
    return {
      module: AuthModule,
      imports: [TerminusModule],
      controllers: [HealthController, MetricsController, AuthHttpController, AdminUsersHttpController, SessionsHttpController],
      providers: [
        ...backboneProviders({ service: 'auth', kafka, kafkaSettings, ormConfig: authOrmConfig(config), projectors: authProjections.projectors, relay }),
        PasswordHasher,
        { provide: LOCKOUT_POLICY, useValue: { threshold: config.AUTH_LOCKOUT_THRESHOLD, minutes: config.AUTH_LOCKOUT_MINUTES } },
        { provide: TokenIssuer, useValue: new TokenIssuer(config.JWT_SECRET, config.JWT_TTL_SECONDS) },
        BootstrapAdminService,
        RegisterUserHandler,
        LoginUserHandler,
        UnlockUserHandler,
        SessionHandlers,
        { provide: SESSION_POLICY, useValue: { idleHours: config.AUTH_SESSION_IDLE_HOURS, absoluteHours: config.AUTH_SESSION_ABSOLUTE_HOURS, accessTokenSeconds: config.JWT_TTL_SECONDS } },
        { provide: ADMIN_SEED, useValue: { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD } satisfies AdminSeed },
      ],
    };
  }
}
