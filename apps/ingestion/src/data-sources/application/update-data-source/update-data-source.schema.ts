import { z } from 'zod';
import { descriptionField, nameField, sharingFields } from '../../domain/source-input.schema';

// Any field of any type; the decider checks that the fields belong to the source's type and
// validates the merged result with the source schema.
export const updateDataSourceBody = z
  .strictObject({
    name: nameField.optional(),
    description: descriptionField,
    url: z.string().optional(),
    method: z.string().optional(),
    headers: z.unknown().optional(),
    body: z.unknown().optional(),
    format: z.string().optional(),
    // Merged key by key into the secrets already set; a null value removes that key.
    secretHeaders: z.unknown().optional(),
    secretQuery: z.unknown().optional(),
    secretBody: z.unknown().optional(),
    folder: z.string().optional(),
    glob: z.string().optional(),
    connectionString: z.string().optional(),
    query: z.string().optional(),
    maxRows: z.unknown().optional(),
    secret: z.string().optional(),
    startRuns: z.unknown().optional(),
    ...sharingFields,
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UpdateDataSourceBody = z.infer<typeof updateDataSourceBody>;
