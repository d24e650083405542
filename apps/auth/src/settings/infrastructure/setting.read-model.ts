import { EntityManager, FilterQuery, LockMode } from '@mikro-orm/postgresql';
import { typedSettingValue } from '../domain/setting-value';
import { SettingState, settingStateOf } from '../domain/setting.decider';
import { Setting } from './setting.entity';

export type SettingFilter = { category?: string; environment?: string; publicOnly?: boolean };

// Settings with the admin who last changed each (for lastModifiedBy), in a stable order.
export function findSettings(em: EntityManager, filter: SettingFilter): Promise<Setting[]> {
  const where: FilterQuery<Setting> = {};
  if (filter.category) where.category = filter.category;
  if (filter.environment) where.environment = filter.environment;
  if (filter.publicOnly) where.isPublic = true;
  return em.find(Setting, where, { orderBy: { category: 'asc', key: 'asc', environment: 'asc' }, populate: ['lastModifiedBy'] });
}

// One row locked for the rest of the transaction (a change reads, decides and appends under it).
export function lockSetting(em: EntityManager, key: string, environment: string): Promise<Setting | null> {
  return em.findOne(Setting, { key, environment }, { lockMode: LockMode.PESSIMISTIC_WRITE });
}

export function settingState(s: Setting): SettingState {
  return settingStateOf(s);
}

export type SettingView = ReturnType<typeof toSettingView>;

// The API's view of a setting; lastModifiedBy must have been loaded (populate).
export function toSettingView(s: Setting) {
  return {
    key: s.key,
    category: s.category,
    name: s.name,
    description: s.description,
    value: typedSettingValue(s.type, s.value),
    type: s.type,
    defaultValue: typedSettingValue(s.type, s.defaultValue),
    allowedValues: s.allowedValues,
    minValue: s.minValue,
    maxValue: s.maxValue,
    isPublic: s.isPublic,
    isReadonly: s.isReadonly,
    requiresRestart: s.requiresRestart,
    environment: s.environment,
    lastModifiedBy: s.lastModifiedBy ? s.lastModifiedBy.getEntity().uuid : null,
    lastModifiedReason: s.lastModifiedReason,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
