import { kafkaFromEnv } from '@mindhill/messaging';
import { ServiceBootstrap } from '@mindhill/platform';
import { ReportingConfig } from './reporting.config';
import { ReportingModule } from './reporting.module';

export function reportingService(config: ReportingConfig): ServiceBootstrap {
  const { kafka, kafkaSettings } = kafkaFromEnv('reporting', config);
  return {
    service: 'reporting',
    module: ReportingModule.forRoot(config, kafka, kafkaSettings),
    port: config.REPORTING_PORT,
    host: config.REPORTING_HOST,
    logLevel: config.LOG_LEVEL,
    internalToken: config.INTERNAL_API_TOKEN,
  };
}
