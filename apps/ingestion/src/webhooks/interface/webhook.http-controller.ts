import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { Answer, requestEventContext } from '@mindhill/platform';
import { ReceiveWebhookHandler, WebhookAccepted } from '../application/receive-webhook/receive-webhook.handler';
import { WEBHOOK_ID_HEADER, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '../domain/webhook-signature';
import { rawBodyOf } from '../../shared/raw-body';
import { webhookAcceptedAnswer } from '../application/receive-webhook/receive-webhook.schema';

const header = (req: FastifyRequest, name: string) => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
};

@Controller('api/v1/webhooks')
export class WebhookHttpController {
  constructor(private readonly receive: ReceiveWebhookHandler) {}

  @Post(':id')
  @HttpCode(202)
  @Answer(webhookAcceptedAnswer)
  accept(@Param('id') id: string, @Req() req: FastifyRequest): Promise<WebhookAccepted> {
    const headers = {
      id: header(req, WEBHOOK_ID_HEADER),
      timestamp: header(req, WEBHOOK_TIMESTAMP_HEADER),
      signature: header(req, WEBHOOK_SIGNATURE_HEADER),
    };
    return this.receive.execute(id, rawBodyOf(req), headers, header(req, 'content-type') ?? null, requestEventContext());
  }
}
