import { EntityManager } from '@mikro-orm/postgresql';
import { SettingType } from '@mindhill/contracts';
import { typedSettingValue } from '../domain/setting-value';

export type SettingRow = {
  id: number;
  setting_key: string;
  setting_category: string;
  setting_name: string;
  setting_description: string | null;
  setting_value: string | null;
  setting_type: SettingType;
  default_value: string | null;
  validation_rules: Record<string, unknown> | null;
  allowed_values: string[] | null;
  min_value: string | null;
  max_value: string | null;
  is_public: boolean;
  is_readonly: boolean;
  requires_restart: boolean;
  environment: string;
  last_modified_by_uuid: string | null;
  last_modified_reason: string | null;
  created_at: Date;
  updated_at: Date;
};

const SELECT = `SELECT s.*, u.uuid AS last_modified_by_uuid FROM system_settings s LEFT JOIN users u ON u.id = s.last_modified_by`;

export async function findSettings(
  em: EntityManager,
  filter: { category?: string; environment?: string; key?: string; publicOnly?: boolean },
) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.category) (where.push('s.setting_category = ?'), params.push(filter.category));
  if (filter.environment) (where.push('s.environment = ?'), params.push(filter.environment));
  if (filter.key) (where.push('s.setting_key = ?'), params.push(filter.key));
  if (filter.publicOnly) where.push('s.is_public = true');
  return em.execute<SettingRow[]>(
    `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.setting_category, s.setting_key, s.environment`,
    params,
  );
}

export async function lockSetting(em: EntityManager, key: string, environment: string): Promise<SettingRow | null> {
  const [row] = await em.execute<SettingRow[]>(`${SELECT} WHERE s.setting_key = ? AND s.environment = ? FOR UPDATE OF s`, [
    key,
    environment,
  ]);
  return row ?? null;
}

export function toSettingView(s: SettingRow) {
  return {
    key: s.setting_key,
    category: s.setting_category,
    name: s.setting_name,
    description: s.setting_description,
    value: typedSettingValue(s.setting_type, s.setting_value),
    type: s.setting_type,
    defaultValue: typedSettingValue(s.setting_type, s.default_value),
    allowedValues: s.allowed_values,
    minValue: s.min_value === null ? null : Number(s.min_value),
    maxValue: s.max_value === null ? null : Number(s.max_value),
    isPublic: s.is_public,
    isReadonly: s.is_readonly,
    requiresRestart: s.requires_restart,
    environment: s.environment,
    lastModifiedBy: s.last_modified_by_uuid,
    lastModifiedReason: s.last_modified_reason,
    createdAt: new Date(s.created_at).toISOString(),
    updatedAt: new Date(s.updated_at).toISOString(),
  };
}
