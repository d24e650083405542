import { z } from 'zod';
import { PLATFORM_SERVICES } from '@mindhill/contracts';
import { DEAD_LETTER_STATUSES } from '../../domain/dead-letter';
import { isoTimestamp, pageOf } from '@mindhill/platform';

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

// A dead letter (toDeadLetterView); headers and the value only where one is answered.
export const deadLetterAnswer = z
  .object({
    id: z.uuid(),
    service: z.string(),
    consumerGroup: z.string().nullable(),
    originalTopic: z.string().nullable(),
    originalPartition: z.number().int().nullable(),
    originalOffset: z.string().nullable(),
    key: z.string().nullable(),
    errorCode: z.string(),
    errorMessage: z.string().nullable(),
    attempts: z.number().int(),
    failedAt: isoTimestamp(),
    status: z.enum(DEAD_LETTER_STATUSES),
    resolvedAt: isoTimestamp().nullable(),
    resolvedBy: z.number().int().nullable(),
    sizeBytes: z.number().int(),
    headers: z.record(z.string(), z.string()).optional(),
    value: z.string().optional().describe('The message as text, when it is UTF-8'),
    valueBase64: z.string().optional().describe('The message bytes, when they are not UTF-8'),
  })
  .describe('A dead letter');
export const deadLetterPageAnswer = pageOf(deadLetterAnswer).describe('A page of dead letters');
