import { DynamicModule, Module } from '@nestjs/common';
import {
  backboneProviders,
  KafkaClient,
  KafkaSettings,
  LiveSettings,
  liveSettingsProviders,
  OutboxRelayOptions,
  settingsEnvironment,
} from '@mindhill/messaging';
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
import { SESSION_POLICY, SessionHandlers, SessionPolicy } from './sessions/application/session.handlers';
import { SessionsHttpController } from './sessions/interface/sessions.http-controller';
import { Mailer, MAIL_SETTINGS, MailSettings } from './mail/mailer';
import { PasswordHandlers, TOKEN_LIFETIMES, TokenLifetimes } from './users/application/password/password.handlers';
import { VerifyEmailHandlers } from './users/application/verify-email/verify-email.handlers';
import { PurposeTokens } from './users/infrastructure/purpose-tokens';
import { AccountHttpController } from './users/interface/account.http-controller';
import { TwoFactorHandlers } from './users/application/two-factor/two-factor.handlers';
import { SecretBox } from './users/domain/secret-box';
import { TwoFactorHttpController } from './users/interface/two-factor.http-controller';
import { AdminUsersHandlers } from './users/application/admin-users/admin-users.handlers';
import { ProfileHandlers } from './users/application/profile/profile.handlers';
import { ProfileHttpController } from './users/interface/profile.http-controller';
import { ListPublicSettingsQuery } from './settings/application/list-public-settings/list-public-settings.query';
import { ListSettingsQuery } from './settings/application/list-settings/list-settings.query';
import { SeedDefaultSettingsJob } from './settings/application/seed-default-settings/seed-default-settings.job';
import { SETTINGS_ENVIRONMENT } from './settings/application/settings-environment';
import { UpdateSettingHandler } from './settings/application/update-setting/update-setting.handler';
import { Setting } from './settings/infrastructure/setting.entity';
import { SettingsHttpController } from './settings/interface/settings.http-controller';
import { SIGNING_KEY_POLICY, SigningKeyPolicy, SigningKeyService } from './signing-keys/application/signing-key.service';
import { SigningKeysHttpController } from './signing-keys/interface/signing-keys.http-controller';

export const authOrmConfig = (config: Pick<AuthConfig, 'AUTH_DATABASE_URL' | 'DATABASE_SSL_CA'>) =>
  createOrmConfig({
    clientUrl: config.AUTH_DATABASE_URL,
    sslCa: config.DATABASE_SSL_CA,
    entities: [User, Setting],
    migrations: authMigrations,
  });

@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings, relay?: OutboxRelayOptions): DynamicModule {
    // Auth follows its own setting events like every service: session_timeout_hours applies to
    // the next login or refresh once an admin changes it.
    const live = new LiveSettings(settingsEnvironment(config.NODE_ENV));
    return {
      module: AuthModule,
      imports: [TerminusModule],
      controllers: [
        HealthController,
        MetricsController,
        AuthHttpController,
        AdminUsersHttpController,
        SessionsHttpController,
        SettingsHttpController,
        AccountHttpController,
        TwoFactorHttpController,
        ProfileHttpController,
        SigningKeysHttpController,
      ],
      providers: [
        ...backboneProviders({
          service: 'auth',
          kafka,
          kafkaSettings,
          ormConfig: authOrmConfig(config),
          projectors: authProjections.projectors,
          relay,
        }),
        PasswordHasher,
        { provide: LOCKOUT_POLICY, useValue: { threshold: config.AUTH_LOCKOUT_THRESHOLD, minutes: config.AUTH_LOCKOUT_MINUTES } },
        SigningKeyService,
        {
          provide: SIGNING_KEY_POLICY,
          useValue: {
            rotationDays: config.AUTH_SIGNING_KEY_ROTATION_DAYS,
            accessTokenSeconds: config.JWT_TTL_SECONDS,
            box: new SecretBox(config.signingKeySealKey),
          } satisfies SigningKeyPolicy,
        },
        {
          provide: TokenIssuer,
          inject: [SigningKeyService],
          useFactory: (keys: SigningKeyService) => new TokenIssuer(keys, config.JWT_TTL_SECONDS),
        },
        BootstrapAdminService,
        RegisterUserHandler,
        LoginUserHandler,
        UnlockUserHandler,
        SessionHandlers,
        SeedDefaultSettingsJob,
        ListSettingsQuery,
        ListPublicSettingsQuery,
        UpdateSettingHandler,
        Mailer,
        ProfileHandlers,
        AdminUsersHandlers,
        TwoFactorHandlers,
        { provide: SecretBox, useValue: new SecretBox(config.totpKey) },
        PasswordHandlers,
        VerifyEmailHandlers,
        {
          provide: MAIL_SETTINGS,
          useValue: { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, publicAppUrl: config.PUBLIC_APP_URL } satisfies MailSettings,
        },
        {
          provide: TOKEN_LIFETIMES,
          useValue: { resetMinutes: config.AUTH_RESET_TOKEN_MINUTES, verifyHours: config.AUTH_VERIFY_TOKEN_HOURS } satisfies TokenLifetimes,
        },
        { provide: PurposeTokens, useValue: new PurposeTokens(config.JWT_SECRET, config.AUTH_MFA_TOKEN_SECONDS) },
        { provide: SETTINGS_ENVIRONMENT, useValue: config.NODE_ENV },
        ...liveSettingsProviders('auth', live),
        {
          provide: SESSION_POLICY,
          useValue: {
            get idleHours() {
              return live.integer('session_timeout_hours', config.AUTH_SESSION_IDLE_HOURS);
            },
            absoluteHours: config.AUTH_SESSION_ABSOLUTE_HOURS,
            accessTokenSeconds: config.JWT_TTL_SECONDS,
          } satisfies SessionPolicy,
        },
        {
          provide: ADMIN_SEED,
          useValue: {
            email: config.ADMIN_EMAIL,
            password: config.ADMIN_PASSWORD,
            totpKeyDerived: config.totpKeyDerived,
            production: config.NODE_ENV === 'production',
          } satisfies AdminSeed,
        },
      ],
    };
  }
}
