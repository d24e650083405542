import { z } from 'zod';
import { userNumbersSchema } from '@mindhill/contracts';

const name = z.string().trim().min(1).max(200);
const description = z.string().max(2000).nullable().optional();
// Who besides the owner may see it, and (separately) whose workflows may read it.
const sharing = {
  isPublic: z.boolean().optional(),
  sharedWithUsers: userNumbersSchema.optional(),
  usableByUsers: userNumbersSchema.optional(),
};
const headers = z
  .record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'not a valid header name'), z.string().max(8192))
  .refine((h) => Object.keys(h).length <= 50, 'at most 50 headers');

const fieldName = z.string().min(1).max(200);
const atMost50 = (m: Record<string, unknown>) => Object.keys(m).length <= 50;
export const apiSourceFields = {
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
  method: z.enum(['GET', 'POST']).default('GET'),
  headers: headers.optional(),
  body: z.union([z.string().max(1_000_000), z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
  format: z.enum(['auto', 'json', 'ndjson', 'csv', 'text']).default('auto'),
  // Marked secret: stored encrypted, sent with the request, shown only by name in credentialsSet.
  secretHeaders: headers.optional(),
  secretQuery: z.record(fieldName, z.string().max(8192)).refine(atMost50, 'at most 50 parameters').optional(),
  secretBody: z.record(fieldName, z.unknown()).refine(atMost50, 'at most 50 fields').optional(),
};
export const fileSourceFields = {
  folder: z.string().min(1).max(1000),
  glob: z.string().min(1).max(500).default('*'),
};
export const databaseSourceFields = {
  connectionString: z.string().min(1).max(2000),
  query: z.string().trim().min(1).max(20_000),
  maxRows: z.number().int().min(1).max(100_000).default(10_000),
};
export const webhookSourceFields = {
  // The HMAC key callers sign payloads with; stored encrypted, never shown again.
  secret: z.string().min(16).max(200),
};

export const sourceInputSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('api'), ...apiSourceFields }),
  z.strictObject({ type: z.literal('file'), ...fileSourceFields }),
  z.strictObject({ type: z.literal('database'), ...databaseSourceFields }),
  z.strictObject({ type: z.literal('webhook'), ...webhookSourceFields }),
]);

export const createDataSourceBody = z.discriminatedUnion('type', [
  z.strictObject({ name, description, type: z.literal('api'), ...apiSourceFields, ...sharing }),
  z.strictObject({ name, description, type: z.literal('file'), ...fileSourceFields, ...sharing }),
  z.strictObject({ name, description, type: z.literal('database'), ...databaseSourceFields, ...sharing }),
  z.strictObject({ name, description, type: z.literal('webhook'), ...webhookSourceFields, ...sharing }),
]);
export type CreateDataSourceBody = z.infer<typeof createDataSourceBody>;

// Any field of any type; the handler checks that the fields belong to the source's type and
// validates the merged result with the create schema.
export const updateDataSourceBody = z
  .strictObject({
    name: name.optional(),
    description,
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
    ...sharing,
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UpdateDataSourceBody = z.infer<typeof updateDataSourceBody>;

export const listDataSourcesQuery = z.strictObject({
  type: z.enum(['api', 'file', 'database', 'webhook']).optional(),
  status: z.enum(['active', 'archived', 'all']).default('active'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});
export type ListDataSourcesQuery = z.infer<typeof listDataSourcesQuery>;
