import { Inject, Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { effectiveSettings } from '../../domain/setting-environment';
import { findSettings, toSettingView } from '../../infrastructure/setting.read-model';
import { SETTINGS_ENVIRONMENT } from '../../infrastructure/settings-environment';

// The public settings as they apply in this environment, for any signed-in user.
@Injectable()
export class ListPublicSettingsQuery {
  constructor(
    private readonly events: EventStore,
    @Inject(SETTINGS_ENVIRONMENT) private readonly environment: string,
  ) {}

  async execute() {
    const rows = await findSettings(this.events.readModel(), { publicOnly: true });
    return {
      environment: this.environment,
      items: effectiveSettings(rows, this.environment).map((s) => {
        const v = toSettingView(s);
        return { key: v.key, category: v.category, name: v.name, value: v.value, type: v.type };
      }),
    };
  }
}
