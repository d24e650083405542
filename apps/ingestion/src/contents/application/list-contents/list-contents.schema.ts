import { z } from 'zod';

export const listContentsQuery = z.strictObject({
  executionId: z.uuid().optional(),
  fluxId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(100).optional(),
});
export type ListContentsQuery = z.infer<typeof listContentsQuery>;
