import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { Answer, fileAnswer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { DeliverReportJob } from '../application/deliver-report/deliver-report.job';
import { DownloadLinkedFileQuery } from '../application/download-linked-file/download-linked-file.query';
import { DownloadLinkRequest, downloadLinkSchema } from '../application/download-linked-file/download-linked-file.schema';
import { GetWebhookSecretQuery } from '../application/get-webhook-secret/get-webhook-secret.query';
import {
  GetWebhookSecretRequest,
  getWebhookSecretSchema,
  webhookSecretAnswer,
} from '../application/get-webhook-secret/get-webhook-secret.schema';
import { ListDeliveriesQuery } from '../application/list-deliveries/list-deliveries.query';
import { deliveryPageAnswer, ListDeliveriesRequest, listDeliveriesSchema } from '../application/list-deliveries/list-deliveries.schema';
import { ListExecutionDeliveriesQuery } from '../application/list-execution-deliveries/list-execution-deliveries.query';
import { DeliveryRetentionReceipt, RemoveOldDeliveriesHandler } from '../application/remove-old-deliveries/remove-old-deliveries.handler';
import {
  removeOldDeliveriesAnswer,
  RemoveOldDeliveriesRequest,
  removeOldDeliveriesSchema,
} from '../application/remove-old-deliveries/remove-old-deliveries.schema';
import { ResendDeliveryHandler } from '../application/resend-delivery/resend-delivery.handler';
import { DeliveryView } from '../infrastructure/report-delivery.read-model';
import { deliveryAnswer, executionDeliveriesAnswer } from '../application/list-execution-deliveries/list-execution-deliveries.schema';

@Controller('api/v1')
export class ReportDeliveryHttpController {
  constructor(
    private readonly listExecutionDeliveries: ListExecutionDeliveriesQuery,
    private readonly listDeliveries: ListDeliveriesQuery,
    private readonly resendDelivery: ResendDeliveryHandler,
    private readonly removeOldDeliveries: RemoveOldDeliveriesHandler,
    private readonly downloadLinkedFile: DownloadLinkedFileQuery,
    private readonly getWebhookSecret: GetWebhookSecretQuery,
    private readonly worker: DeliverReportJob,
  ) {}

  @Get('report-executions/:id/deliveries')
  @Answer(executionDeliveriesAnswer)
  forExecution(@Param('id') id: string): Promise<{ items: DeliveryView[] }> {
    return this.listExecutionDeliveries.execute(id, requestEventContext().actor);
  }

  @Get('report-deliveries')
  @Answer(deliveryPageAnswer)
  list(
    @Query(new ZodValidationPipe(listDeliveriesSchema)) query: ListDeliveriesRequest,
  ): Promise<{ items: DeliveryView[]; nextBefore: string | null }> {
    return this.listDeliveries.execute(query, requestEventContext().actor);
  }

  @Post('report-deliveries/retention')
  @HttpCode(200)
  @Answer(removeOldDeliveriesAnswer)
  retention(@Body(new ZodValidationPipe(removeOldDeliveriesSchema)) body: RemoveOldDeliveriesRequest): Promise<DeliveryRetentionReceipt> {
    return this.removeOldDeliveries.execute(body, requestEventContext());
  }

  @Post('report-deliveries/webhook-secret')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Answer(webhookSecretAnswer)
  webhookSecret(
    @Body(new ZodValidationPipe(getWebhookSecretSchema)) body: GetWebhookSecretRequest,
  ): Promise<{ reportId: string; scheme: string; secret: string }> {
    return this.getWebhookSecret.execute(body.reportId, requestEventContext().actor);
  }

  @Post('report-deliveries/:id/resend')
  @HttpCode(202)
  @Answer(deliveryAnswer)
  resend(@Param('id') id: string): Promise<DeliveryView> {
    return this.resendDelivery.execute(id, requestEventContext(), () => this.worker.kick());
  }

  // Public at the gateway: the signed link is the permission. Always an attachment, never sniffed.
  @Get('report-downloads/:id')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'private, no-store')
  @Answer(fileAnswer)
  async download(
    @Param('id') id: string,
    @Query(new ZodValidationPipe(downloadLinkSchema)) query: DownloadLinkRequest,
  ): Promise<StreamableFile> {
    const file = await this.downloadLinkedFile.execute(id, query);
    return new StreamableFile(file.stream, {
      type: file.contentType,
      length: file.length,
      disposition: `attachment; filename="${file.fileName}"`,
    });
  }
}
