import { z } from 'zod';
import { commonEnvSchema, env, loadConfig } from '@mindhill/platform';

const processingEnvSchema = commonEnvSchema.extend({
  PROCESSING_PORT: env.port(3004),
  PROCESSING_HOST: env.host(),
  PROCESSING_DATABASE_URL: env.postgresUrl('mindhill_processing'),
});
export type ProcessingConfig = z.infer<typeof processingEnvSchema>;

export function loadProcessingConfig(source: NodeJS.ProcessEnv = process.env): ProcessingConfig {
  return loadConfig(processingEnvSchema, source);
}
