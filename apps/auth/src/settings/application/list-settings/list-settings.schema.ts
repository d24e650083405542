import { z } from 'zod';
import { SETTING_ENVIRONMENTS } from '../../domain/setting-environment';
import { settingTypeSchema } from '@mindhill/contracts';
import { isoTimestamp } from '@mindhill/platform';

export const listSettingsQuery = z.strictObject({
  category: z.string().min(1).max(50).optional(),
  environment: z.enum(SETTING_ENVIRONMENTS).optional(),
});
export type ListSettingsRequest = z.infer<typeof listSettingsQuery>;

// A setting (toSettingView): value and defaultValue typed by `type`.
export const settingAnswer = z
  .object({
    key: z.string(),
    category: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    value: z.unknown(),
    type: settingTypeSchema,
    defaultValue: z.unknown(),
    allowedValues: z.array(z.string()).nullable(),
    minValue: z.number().nullable(),
    maxValue: z.number().nullable(),
    isPublic: z.boolean(),
    isReadonly: z.boolean(),
    requiresRestart: z.boolean(),
    environment: z.string(),
    lastModifiedBy: z.uuid().nullable(),
    lastModifiedReason: z.string().nullable(),
    createdAt: isoTimestamp(),
    updatedAt: isoTimestamp(),
  })
  .describe('A setting');
export const listSettingsAnswer = z
  .object({ environment: z.string(), items: z.array(settingAnswer) })
  .describe('The settings of an environment');

// GET /api/v1/settings/public: the few facts of the public settings anyone may read.
export const listPublicSettingsAnswer = z
  .object({
    environment: z.string(),
    items: z.array(z.object({ key: z.string(), category: z.string(), name: z.string(), value: z.unknown(), type: settingTypeSchema })),
  })
  .describe('The public settings');
