import { kafkaFromEnv } from '@mindhill/messaging';
import { ServiceBootstrap } from '@mindhill/platform';
import { ProcessingConfig } from './processing.config';
import { ProcessingModule } from './processing.module';

export function processingService(config: ProcessingConfig): ServiceBootstrap {
  const { kafka, kafkaSettings } = kafkaFromEnv('processing', config);
  return {
    service: 'processing',
    module: ProcessingModule.forRoot(config, kafka, kafkaSettings),
    port: config.PROCESSING_PORT,
    host: config.PROCESSING_HOST,
    logLevel: config.LOG_LEVEL,
    internalToken: config.INTERNAL_API_TOKEN,
  };
}
