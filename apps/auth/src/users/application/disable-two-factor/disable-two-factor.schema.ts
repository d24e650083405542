import { z } from 'zod';
import { twoFactorCode } from '../enable-two-factor/enable-two-factor.schema';

// The password and a current code, so a stolen access token alone cannot turn 2FA off.
export const disableTwoFactorBody = z.strictObject({ password: z.string().min(1).max(1024), code: twoFactorCode });
export type DisableTwoFactorBody = z.infer<typeof disableTwoFactorBody>;

export const disableTwoFactorAnswer = z.object({ enabled: z.literal(false) }).describe('Two-factor sign-in is off');
