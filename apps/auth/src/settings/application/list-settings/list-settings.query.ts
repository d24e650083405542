import { Inject, Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { requireAdmin } from '../../domain/require-admin';
import { findSettings, SettingView, toSettingView } from '../../infrastructure/setting.read-model';
import { SETTINGS_ENVIRONMENT } from '../../infrastructure/settings-environment';
import { ListSettingsRequest } from './list-settings.schema';

// Every setting row (each environment's overrides included), for admins.
@Injectable()
export class ListSettingsQuery {
  constructor(
    private readonly events: EventStore,
    @Inject(SETTINGS_ENVIRONMENT) private readonly environment: string,
  ) {}

  async execute(request: ListSettingsRequest, context: EventContext): Promise<{ environment: string; items: SettingView[] }> {
    requireAdmin(context);
    const rows = await findSettings(this.events.readModel(), request);
    return { environment: this.environment, items: rows.map(toSettingView) };
  }
}
