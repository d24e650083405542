import { kafkaFromEnv } from '@mindhill/messaging';
import { ServiceBootstrap } from '@mindhill/platform';
import { IngestionConfig } from './ingestion.config';
import { IngestionModule } from './ingestion.module';

export function ingestionService(config: IngestionConfig): ServiceBootstrap {
  const { kafka, kafkaSettings } = kafkaFromEnv('ingestion', config);
  return {
    service: 'ingestion',
    module: IngestionModule.forRoot(config, kafka, kafkaSettings),
    port: config.INGESTION_PORT,
    host: config.INGESTION_HOST,
    logLevel: config.LOG_LEVEL,
    internalToken: config.INTERNAL_API_TOKEN,
  };
}
