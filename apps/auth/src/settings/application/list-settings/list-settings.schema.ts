import { z } from 'zod';
import { SETTING_ENVIRONMENTS } from '../../domain/setting-environment';

export const listSettingsQuery = z.strictObject({
  category: z.string().min(1).max(50).optional(),
  environment: z.enum(SETTING_ENVIRONMENTS).optional(),
});
export type ListSettingsRequest = z.infer<typeof listSettingsQuery>;
