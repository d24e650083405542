import { EntityManager } from '@mikro-orm/postgresql';
import { EventEnvelope, settingChanged, settingCreated, StoredPayload } from '@mindhill/contracts';
import { pgTextArray, Projector } from '@mindhill/persistence';

export const settingStreamId = (key: string, environment: string) => `setting-${key}@${environment}`;

// system_settings from the setting streams; timestamps from the events, so a replay is identical.
export const settingProjector: Projector = {
  name: 'system-settings',
  handles: [settingCreated.type, settingChanged.type],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    // Users created earlier in this unit of work must be in the table for the sub-select.
    await em.flush();
    if (event.type === settingCreated.type) {
      const p = event.payload as StoredPayload<typeof settingCreated>;
      await em.execute(
        `INSERT INTO system_settings (setting_key, setting_category, setting_name, setting_description, setting_value, setting_type, default_value,
           validation_rules, allowed_values, min_value, max_value, is_public, is_readonly, requires_restart, environment, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          p.key,
          p.category,
          p.name,
          p.description,
          p.value,
          p.type,
          p.defaultValue,
          p.validationRules ? JSON.stringify(p.validationRules) : null,
          p.allowedValues ? pgTextArray(p.allowedValues) : null,
          p.minValue,
          p.maxValue,
          p.isPublic,
          p.isReadonly,
          p.requiresRestart,
          p.environment,
          event.occurredAt,
          event.occurredAt,
        ],
        'run',
      );
    } else {
      const p = event.payload as StoredPayload<typeof settingChanged>;
      await em.execute(
        `UPDATE system_settings SET setting_value = ?, last_modified_by = (SELECT id FROM users WHERE uuid = ?), last_modified_reason = ?, updated_at = ?
         WHERE setting_key = ? AND environment = ?`,
        [p.newValue, p.changedBy, p.reason, event.occurredAt, p.key, p.environment],
        'run',
      );
    }
  },
};
