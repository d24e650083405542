import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { ReceiveWebhookHandler, WebhookAccepted } from '../application/receive-webhook/receive-webhook.handler';
import { SIGNATURE_HEADER } from '../domain/webhook-signature';
import { rawBodyOf } from '../../shared/raw-body';
import { requestEventContext } from '@mindhill/platform';

@Controller('api/v1/webhooks')
export class WebhookHttpController {
  constructor(private readonly receive: ReceiveWebhookHandler) {}

  @Post(':id')
  @HttpCode(202)
  accept(@Param('id') id: string, @Req() req: FastifyRequest): Promise<WebhookAccepted> {
    const signature = req.headers[SIGNATURE_HEADER];
    const contentType = req.headers['content-type'];
    return this.receive.execute(id, rawBodyOf(req), typeof signature === 'string' ? signature : undefined, typeof contentType === 'string' ? contentType : null, requestEventContext());
  }
}
