import { z } from 'zod';
import { commonEnvSchema, env, loadConfig } from '@mindhill/platform';

const ingestionEnvSchema = commonEnvSchema.extend({
  INGESTION_PORT: env.port(3003),
  INGESTION_HOST: env.host(),
  INGESTION_DATABASE_URL: env.postgresUrl('mindhill_ingestion'),
});
export type IngestionConfig = z.infer<typeof ingestionEnvSchema>;

export function loadIngestionConfig(source: NodeJS.ProcessEnv = process.env): IngestionConfig {
  return loadConfig(ingestionEnvSchema, source);
}
