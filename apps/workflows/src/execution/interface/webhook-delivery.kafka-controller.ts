import { Controller } from '@nestjs/common';
import { webhookReceived } from '@mindhill/contracts';
import { EventOf, OnEvent } from '@mindhill/messaging';
import { DIRECTORY_TRANSPORT } from '../../workflows.transports';
import { StartWebhookRunsJob } from '../application/start-webhook-runs/start-webhook-runs.job';

// Ingestion's accepted webhook deliveries: a source set to start runs starts them here. On the
// one-event-at-a-time consumer (the stage outcomes' group takes batches of outcomes only).
@Controller()
export class WebhookDeliveryKafkaController {
  constructor(private readonly startWebhookRuns: StartWebhookRunsJob) {}

  @OnEvent(webhookReceived, DIRECTORY_TRANSPORT)
  received(event: EventOf<typeof webhookReceived>) {
    return this.startWebhookRuns.run(event);
  }
}
