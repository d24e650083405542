import { z } from 'zod';
import { PLATFORM_SERVICES } from '@mindhill/contracts';
import { DEAD_LETTER_STATUSES } from '../../domain/dead-letter';

export const listDeadLettersQuery = z.strictObject({
  service: z.enum(PLATFORM_SERVICES).optional(),
  status: z.enum(DEAD_LETTER_STATUSES).default('pending'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
});
export type ListDeadLettersRequest = z.infer<typeof listDeadLettersQuery>;
