import { EntityManager, ref } from '@mikro-orm/postgresql';
import { EventEnvelope, settingChanged, settingCreated, StoredPayload } from '@mindhill/contracts';
import { Projector } from '@mindhill/persistence';
import { User } from '../../users/infrastructure/user.entity';
import { Setting } from './setting.entity';

// system_settings from the setting streams, through the unit of work (written at the commit, or
// before the next query that reads settings); timestamps from the events, so a replay is identical.
export const settingProjector: Projector = {
  name: 'system-settings',
  handles: [settingCreated.type, settingChanged.type],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    const at = new Date(event.occurredAt);
    if (event.type === settingCreated.type) {
      const p = event.payload as StoredPayload<typeof settingCreated>;
      em.persist(
        new Setting({
          key: p.key,
          environment: p.environment,
          category: p.category,
          name: p.name,
          description: p.description,
          value: p.value,
          type: p.type,
          defaultValue: p.defaultValue,
          validationRules: p.validationRules,
          allowedValues: p.allowedValues,
          minValue: p.minValue,
          maxValue: p.maxValue,
          isPublic: p.isPublic,
          isReadonly: p.isReadonly,
          requiresRestart: p.requiresRestart,
          createdAt: at,
        }),
      );
      return;
    }
    const p = event.payload as StoredPayload<typeof settingChanged>;
    const setting = await em.findOne(Setting, { key: p.key, environment: p.environment });
    if (!setting) return;
    // The admin by uuid (no longer there after a deletion: then nobody).
    const by = p.changedBy ? await em.findOne(User, { uuid: p.changedBy }) : null;
    setting.value = p.newValue;
    setting.lastModifiedBy = by ? ref(by) : null;
    setting.lastModifiedReason = p.reason;
    setting.updatedAt = at;
  },
};
