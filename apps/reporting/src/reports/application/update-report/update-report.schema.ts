import { z } from 'zod';
import { reportDefinitionFields } from '../../domain/report-definition.schema';

// Any subset of the definition, plus activation; null clears an optional field.
export const updateReportSchema = z
  .strictObject({
    ...(Object.fromEntries(Object.entries(reportDefinitionFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof reportDefinitionFields]: z.ZodOptional<(typeof reportDefinitionFields)[K]>;
    }),
    status: z.enum(['active', 'inactive']).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'at least one field to change' });
export type UpdateReportRequest = z.infer<typeof updateReportSchema>;
