import { z } from 'zod';
import { SETTING_ENVIRONMENTS } from '../../domain/setting-environment';

export const settingKey = z.string().regex(/^[a-z0-9_.-]{1,100}$/);
export const updateSettingBody = z.strictObject({
  value: z.unknown().refine((v) => v !== undefined, 'value is required'),
  environment: z.enum(SETTING_ENVIRONMENTS).optional(),
  reason: z.string().trim().min(1).max(500).optional(),
});
export type UpdateSettingRequest = z.infer<typeof updateSettingBody>;
