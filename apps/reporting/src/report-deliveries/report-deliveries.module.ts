import { Module } from '@nestjs/common';
import { MAIL_TRANSPORT, MailTransport } from '@mindhill/platform';
import { DownloadReportFileQuery } from '../report-executions/application/download-report-file/download-report-file.query';
import { REPORT_OUTPUT, ReportOutputSettings } from '../report-executions/infrastructure/report-output.store';
import { REPORTING_CONFIG } from '../reporting-backbone.module';
import { ReportingConfig, reportingOutboundPolicy } from '../reporting.config';
import { DeliverReportJob } from './application/deliver-report/deliver-report.job';
import { DownloadLinkedFileQuery } from './application/download-linked-file/download-linked-file.query';
import { GetWebhookSecretQuery } from './application/get-webhook-secret/get-webhook-secret.query';
import { ListDeliveriesQuery } from './application/list-deliveries/list-deliveries.query';
import { ListExecutionDeliveriesQuery } from './application/list-execution-deliveries/list-execution-deliveries.query';
import { PlanDeliveriesJob } from './application/plan-deliveries/plan-deliveries.job';
import { RemoveOldDeliveriesHandler } from './application/remove-old-deliveries/remove-old-deliveries.handler';
import { RemoveOldDeliveriesJob } from './application/remove-old-deliveries/remove-old-deliveries.job';
import { ResendDeliveryHandler } from './application/resend-delivery/resend-delivery.handler';
import { deliveryKeys } from './domain/delivery-signing';
import { DELIVERY_SETTINGS, DeliverySettings } from './infrastructure/delivery-settings';
import { ReportDeliveryHttpController } from './interface/report-delivery.http-controller';
import { ReportDeliveryKafkaController } from './interface/report-delivery.kafka-controller';

// Deliveries of finished runs by e-mail and webhook, their receipts, the dead-letter list, resends,
// retention and signed download links. Reads the report-executions and reports read models.
@Module({
  controllers: [ReportDeliveryHttpController, ReportDeliveryKafkaController],
  providers: [
    {
      provide: DELIVERY_SETTINGS,
      inject: [REPORTING_CONFIG],
      useFactory: (config: ReportingConfig): DeliverySettings => ({
        attachmentMaxBytes: config.REPORT_ATTACHMENT_MAX_BYTES,
        linkBaseUrl: config.REPORT_LINK_BASE_URL,
        linkTtlMs: config.REPORT_LINK_TTL_HOURS * 3_600_000,
        keys: deliveryKeys(config.REPORT_DELIVERY_SECRET ?? config.INTERNAL_API_TOKEN),
        maxAttempts: config.REPORT_DELIVERY_MAX_ATTEMPTS,
        backoff: { baseMs: config.REPORT_DELIVERY_RETRY_BASE_MS, maxMs: config.REPORT_DELIVERY_RETRY_MAX_MS, jitter: true },
        webhookTimeoutMs: config.REPORT_WEBHOOK_TIMEOUT_MS,
        retentionDays: config.REPORT_DELIVERY_RETENTION_DAYS,
        retentionHourUtc: config.REPORT_DELIVERY_RETENTION_HOUR_UTC,
        outbound: reportingOutboundPolicy(config),
      }),
    },
    {
      provide: MAIL_TRANSPORT,
      inject: [REPORTING_CONFIG],
      useFactory: (config: ReportingConfig) =>
        new MailTransport({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, localMailDir: config.MAIL_LOCAL_DIR }),
    },
    {
      provide: REPORT_OUTPUT,
      inject: [REPORTING_CONFIG],
      useFactory: (config: ReportingConfig): ReportOutputSettings => ({
        outputDir: config.REPORT_OUTPUT_DIR,
        maxRows: config.REPORT_MAX_ROWS,
      }),
    },
    DownloadReportFileQuery,
    PlanDeliveriesJob,
    DeliverReportJob,
    ListExecutionDeliveriesQuery,
    ListDeliveriesQuery,
    ResendDeliveryHandler,
    RemoveOldDeliveriesHandler,
    RemoveOldDeliveriesJob,
    DownloadLinkedFileQuery,
    GetWebhookSecretQuery,
  ],
})
export class ReportDeliveriesModule {}
