import { DecimalType, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Ref } from '@mikro-orm/core';
import { SettingType, settingTypeSchema } from '@mindhill/contracts';
import { TextArrayType } from '@mindhill/persistence';
import { User } from '../../users/infrastructure/user.entity';
import { SETTING_ENVIRONMENTS } from '../domain/setting-environment';
import { SettingState } from '../domain/setting.decider';

const SETTING_TYPES = settingTypeSchema.options;

// A row's fields as the created event gives them.
export type SettingFields = SettingState & { environment: string; createdAt: Date };

// One setting for one environment: system_settings (Migration20261126090000Identity), a
// projection of the setting streams.
@Entity({ tableName: 'system_settings' })
@Index({
  name: 'idx_settings_key_environment',
  expression: 'create unique index idx_settings_key_environment on system_settings(setting_key, environment)',
})
@Index({ name: 'idx_settings_category', properties: ['category', 'key'] })
@Index({
  name: 'idx_settings_public',
  expression: 'create index idx_settings_public on system_settings(is_public, setting_category) where is_public = true',
})
@Index({ name: 'idx_settings_environment', properties: ['environment', 'category'] })
export class Setting {
  [OptionalProps]?: 'lastModifiedBy' | 'lastModifiedReason' | 'updatedAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 100, fieldName: 'setting_key' })
  key: string;

  @Property({ type: 'string', length: 50, fieldName: 'setting_category' })
  category: string;

  @Property({ type: 'string', length: 200, fieldName: 'setting_name' })
  name: string;

  @Property({ type: 'text', nullable: true, fieldName: 'setting_description' })
  description: string | null;

  @Property({ type: 'text', nullable: true, fieldName: 'setting_value' })
  value: string | null;

  @Enum({ items: () => SETTING_TYPES, columnType: 'varchar(20)', default: 'string', fieldName: 'setting_type' })
  type: SettingType;

  @Property({ type: 'text', nullable: true })
  defaultValue: string | null;

  @Property({ type: 'json', nullable: true })
  validationRules: Record<string, unknown> | null;

  @Property({ type: TextArrayType, nullable: true })
  allowedValues: string[] | null;

  @Property({ type: new DecimalType('number'), columnType: 'numeric', nullable: true })
  minValue: number | null;

  @Property({ type: new DecimalType('number'), columnType: 'numeric', nullable: true })
  maxValue: number | null;

  @Property({ type: 'boolean', default: false })
  isPublic: boolean;

  @Property({ type: 'boolean', default: false })
  isReadonly: boolean;

  @Property({ type: 'boolean', default: false })
  requiresRestart: boolean;

  @Enum({ items: () => SETTING_ENVIRONMENTS, columnType: 'varchar(20)', default: 'all' })
  environment: string;

  @ManyToOne(() => User, {
    ref: true,
    nullable: true,
    fieldName: 'last_modified_by',
    deleteRule: 'set null',
    updateRule: 'no action',
    foreignKeyName: 'system_settings_last_modified_by_fkey',
  })
  lastModifiedBy: Ref<User> | null = null;

  @Property({ type: 'text', nullable: true })
  lastModifiedReason: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date;

  @Property({ type: 'datetime' })
  updatedAt: Date;

  constructor(fields: SettingFields) {
    this.key = fields.key;
    this.environment = fields.environment;
    this.category = fields.category;
    this.name = fields.name;
    this.description = fields.description;
    this.value = fields.value;
    this.type = fields.type;
    this.defaultValue = fields.defaultValue;
    this.validationRules = fields.validationRules;
    this.allowedValues = fields.allowedValues;
    this.minValue = fields.minValue;
    this.maxValue = fields.maxValue;
    this.isPublic = fields.isPublic;
    this.isReadonly = fields.isReadonly;
    this.requiresRestart = fields.requiresRestart;
    this.createdAt = fields.createdAt;
    this.updatedAt = fields.createdAt;
  }
}
