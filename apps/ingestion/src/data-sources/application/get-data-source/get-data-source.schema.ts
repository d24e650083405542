import { z } from 'zod';
import { dataSourceTypeSchema } from '@mindhill/contracts';
import { isoTimestamp, pageOf } from '@mindhill/platform';

// The API's view of a data source (DataSourceView): never its credentials, only their names.
export const dataSourceAnswer = z
  .object({
    id: z.uuid(),
    fluxNumber: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    type: dataSourceTypeSchema,
    config: z.record(z.string(), z.unknown()),
    credentialsSet: z.array(z.string()),
    status: z.enum(['active', 'archived']),
    version: z.number().int(),
    webhookPath: z.string().nullable(),
    createdBy: z.number().int().nullable(),
    isPublic: z.boolean(),
    sharedWithUsers: z.array(z.number().int()),
    usableByUsers: z.array(z.number().int()),
    createdAt: isoTimestamp(),
    updatedAt: isoTimestamp(),
    archivedAt: isoTimestamp().nullable(),
  })
  .describe('A data source');

export const dataSourcePageAnswer = pageOf(dataSourceAnswer).describe('A page of data sources');
