import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';

export const AUTH_SETTING_TOPIC = topicName('auth', 'setting');
export const settingTypeSchema = z.enum(['string', 'integer', 'decimal', 'boolean', 'json', 'array']);
export type SettingType = z.infer<typeof settingTypeSchema>;

// One system setting for one environment ('all' is the fallback for every environment). Values
// travel as the canonical text stored in system_settings.setting_value.
export const settingCreated = defineEvent({
  type: 'auth.setting.created',
  version: 1,
  aggregateType: 'setting',
  topic: AUTH_SETTING_TOPIC,
  schema: z.object({
    key: z.string(),
    environment: z.string(),
    category: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    value: z.string().nullable(),
    type: settingTypeSchema,
    defaultValue: z.string().nullable(),
    validationRules: z.record(z.string(), z.unknown()).nullable(),
    allowedValues: z.array(z.string()).nullable(),
    minValue: z.number().nullable(),
    maxValue: z.number().nullable(),
    isPublic: z.boolean(),
    isReadonly: z.boolean(),
    requiresRestart: z.boolean(),
    source: z.enum(['defaults', 'environment-override']),
  }),
  audit: {
    category: 'system',
    action: 'setting-create',
    resourceType: 'setting',
    severity: 'info',
    resourceName: (p) => `${p.key}@${p.environment}`,
    newValues: (p) => ({ value: p.value }),
  },
});

export const settingChanged = defineEvent({
  type: 'auth.setting.changed',
  version: 1,
  aggregateType: 'setting',
  topic: AUTH_SETTING_TOPIC,
  schema: z.object({
    key: z.string(),
    environment: z.string(),
    oldValue: z.string().nullable(),
    newValue: z.string().nullable(),
    changedBy: z.uuid().nullable(),
    reason: z.string().nullable(),
    requiresRestart: z.boolean(),
  }),
  audit: {
    category: 'admin',
    action: 'setting-change',
    resourceType: 'setting',
    severity: 'medium',
    responseStatus: 200,
    resourceName: (p) => `${p.key}@${p.environment}`,
    oldValues: (p) => ({ value: p.oldValue }),
    newValues: (p) => ({ value: p.newValue, reason: p.reason }),
  },
});
