import { z } from 'zod';

export const loginUserBody = z.strictObject({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
});
export type LoginUserBody = z.infer<typeof loginUserBody>;
