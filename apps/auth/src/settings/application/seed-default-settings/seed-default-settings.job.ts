import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { streamIds, SYSTEM_ACTOR } from '@mindhill/contracts';
import { ConcurrencyError, EventStore } from '@mindhill/persistence';
import { getLogger, systemContext } from '@mindhill/platform';
import { DEFAULT_SETTINGS } from '../../domain/default-settings';
import { defaultSettingCreated } from '../../domain/setting.decider';

// First start (and any start after a default was added): each missing default becomes a
// created event. Two instances starting together collide on the stream version; the loser
// re-reads and finds the stream.
@Injectable()
export class SeedDefaultSettingsJob implements OnApplicationBootstrap {
  private readonly logger = getLogger('settings');

  constructor(private readonly events: EventStore) {}

  async onApplicationBootstrap(): Promise<void> {
    const context = { ...systemContext(), actor: SYSTEM_ACTOR };
    let created = 0;
    for (const d of DEFAULT_SETTINGS) {
      const streamId = streamIds.setting(d.key, 'all');
      try {
        created += await this.events.transact(async (tx) => {
          if ((await tx.streamVersion(streamId)) > 0) return 0;
          await tx.append(streamId, 0, [defaultSettingCreated(d)], context);
          return 1;
        });
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
    if (created > 0) this.logger.info({ created }, 'Seeded default settings');
  }
}
