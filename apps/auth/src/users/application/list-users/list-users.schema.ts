import { z } from 'zod';

// Newest first, by number; cursor: the last number of the previous page.
export const listUsersQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,9}$/)
    .optional(),
  locked: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type ListUsersQueryParams = z.infer<typeof listUsersQuery>;
