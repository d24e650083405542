import { Module } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../auth.config';
import { ListPublicSettingsQuery } from './application/list-public-settings/list-public-settings.query';
import { ListSettingsQuery } from './application/list-settings/list-settings.query';
import { SeedDefaultSettingsJob } from './application/seed-default-settings/seed-default-settings.job';
import { SETTINGS_ENVIRONMENT } from './infrastructure/settings-environment';
import { UpdateSettingHandler } from './application/update-setting/update-setting.handler';
import { SettingsHttpController } from './interface/settings.http-controller';

// The system settings: defaults seeded as events at start, listed, changed per environment. The
// Setting entity is registered with the service's ORM (auth-platform.module.ts).
@Module({
  controllers: [SettingsHttpController],
  providers: [
    { provide: SETTINGS_ENVIRONMENT, inject: [AUTH_CONFIG], useFactory: (config: AuthConfig) => config.NODE_ENV },
    SeedDefaultSettingsJob,
    ListSettingsQuery,
    ListPublicSettingsQuery,
    UpdateSettingHandler,
  ],
})
export class SettingsModule {}
