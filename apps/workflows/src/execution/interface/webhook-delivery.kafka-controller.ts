import { Controller } from '@nestjs/common';
import { webhookReceived } from '@mindhill/contracts';
import { EventOf, OnEvent } from '@mindhill/messaging';
import { StartWebhookRunsJob } from '../application/start-webhook-runs/start-webhook-runs.job';

// Ingestion's accepted webhook deliveries: a source set to start runs starts them here.
@Controller()
export class WebhookDeliveryKafkaController {
  constructor(private readonly startWebhookRuns: StartWebhookRunsJob) {}

  @OnEvent(webhookReceived)
  received(event: EventOf<typeof webhookReceived>) {
    return this.startWebhookRuns.run(event);
  }
}
