import { z } from 'zod';

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
const preferences = z
  .record(z.string().max(100), z.unknown())
  .refine((v) => JSON.stringify(v).length <= 10_000, 'at most 10 000 characters of JSON');
const name = z.string().trim().min(1).max(50).nullable();

export const updateProfileBody = z
  .strictObject({
    displayName: z.string().trim().min(1).max(100).optional(),
    firstName: name.optional(),
    lastName: name.optional(),
    timezone: z.string().max(50).refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris').optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language tag such as en or pt-BR')
      .max(10)
      .optional(),
    notificationPreferences: preferences.optional(),
    uiPreferences: preferences.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateProfileBody = z.infer<typeof updateProfileBody>;
