import path from 'node:path';
import { z } from 'zod';
import { commonEnvSchema, env, loadConfig } from '@mindhill/platform';

const processingEnvSchema = commonEnvSchema.extend({
  PROCESSING_PORT: env.port(3004),
  PROCESSING_HOST: env.host(),
  PROCESSING_DATABASE_URL: env.postgresUrl('mindhill_processing'),
  // Ingestion's content-addressed store (shared volume); processing only reads it.
  CONTENT_STORE_DIR: z
    .string()
    .min(1)
    .default(path.join(process.cwd(), '.local', 'content-store')),
  // How often a stage waiting for its input checks the read model again.
  // How often a running stage reports progress; a stage shorter than this reports only its outcome.
  PROCESSING_PROGRESS_EVERY_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  PROCESSING_INPUT_POLL_MS: z.coerce.number().int().min(20).max(10_000).default(200),
  // Larger items fail with PROCESSING.CONTENT_TOO_LARGE: every stage keeps the item's text in its
  // event (private field) and in the database.
  PROCESSING_MAX_ITEM_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(100 * 1_048_576)
    .default(10 * 1_048_576),
  PROCESSING_STAGE_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
});
export type ProcessingConfig = z.infer<typeof processingEnvSchema>;

export function loadProcessingConfig(source: NodeJS.ProcessEnv = process.env): ProcessingConfig {
  return loadConfig(processingEnvSchema, source);
}
