import { z } from 'zod';
import { userNumbersSchema } from '@mindhill/contracts';

// The fields of a data source as a client sends them, per type. Create and update requests are
// built from these; a patched source is checked again with sourceInputSchema as a whole.
export const nameField = z.string().trim().min(1).max(200);
export const descriptionField = z.string().max(2000).nullable().optional();
// Who besides the owner may see it, and (separately) whose workflows may read it.
export const sharingFields = {
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
  // Each accepted delivery also starts a run of every workflow that reads this source.
  startRuns: z.boolean().default(false),
};

export const sourceInputSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('api'), ...apiSourceFields }),
  z.strictObject({ type: z.literal('file'), ...fileSourceFields }),
  z.strictObject({ type: z.literal('database'), ...databaseSourceFields }),
  z.strictObject({ type: z.literal('webhook'), ...webhookSourceFields }),
]);
