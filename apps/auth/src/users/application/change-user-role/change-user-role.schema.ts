import { z } from 'zod';
import { userRoleSchema } from '@mindhill/contracts';

export const changeUserRoleBody = z.strictObject({ role: userRoleSchema });
export type ChangeUserRoleBody = z.infer<typeof changeUserRoleBody>;
