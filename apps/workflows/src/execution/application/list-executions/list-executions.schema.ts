import { z } from 'zod';

// GET /api/v1/workflows/:id/executions: newest run first, keyset on the run number.
export const listExecutionsParams = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,9}$/, 'is not a cursor this API returned')
    .optional(),
});
export type ListExecutionsParams = z.infer<typeof listExecutionsParams>;
