import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import {
  jobRetentionModule,
  KafkaClient,
  KafkaSettings,
  LiveSettings,
  liveSettingsProviders,
  OutboxRelayOptions,
  settingsEnvironment,
} from '@mindhill/messaging';
import { HealthController, MetricsController } from '@mindhill/platform';
import { AuthConfig } from './auth.config';
import { AuthPlatformModule } from './auth-platform.module';
import { MailModule } from './mail/mail.module';
import { NotificationsModule } from './notifications/notifications.module';
import { RetentionModule } from './retention/retention.module';
import { SessionsModule } from './sessions/sessions.module';
import { SettingsModule } from './settings/settings.module';
import { SigningKeysModule } from './signing-keys/signing-keys.module';
import { UsersModule } from './users/users.module';

// The auth service: the shared platform module, one module per context (users → sessions →
// signing-keys → settings; users and notifications → mail).
@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings, relay?: OutboxRelayOptions): DynamicModule {
    // Auth follows its own setting events like every service: session_timeout_hours applies to
    // the next login or refresh once an admin changes it.
    const live = new LiveSettings(settingsEnvironment(config.NODE_ENV));
    return {
      module: AuthModule,
      imports: [
        TerminusModule,
        AuthPlatformModule.forRoot(config, live, kafka, kafkaSettings, relay),
        SigningKeysModule,
        SessionsModule,
        UsersModule,
        SettingsModule,
        MailModule,
        NotificationsModule,
        RetentionModule,
        jobRetentionModule('auth'),
      ],
      controllers: [HealthController, MetricsController],
      providers: [...liveSettingsProviders('auth', live)],
    };
  }
}
