import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  contentFetched, contentProcessed, EventEnvelope, executionCreated, executionFinished, executionStageCompleted, executionStarted, PublicPayload,
} from '@mindhill/contracts';
import { claimInbox, EventStore } from '@mindhill/persistence';
import { readModelWriter } from '../infrastructure/read-model.writer';

export const READ_MODELS_CONSUMER = 'reporting.read-models';

// Feeds the report read models. Each event is claimed in the inbox in the same transaction as
// its upsert, so a redelivery changes nothing.
@Controller()
export class ReadModelKafkaController {
  constructor(private readonly events: EventStore) {}

  @EventPattern(executionCreated.type)
  onCreated(@Payload() event: EventEnvelope<PublicPayload<typeof executionCreated>>) {
    return this.once(event, (em) => readModelWriter.executionCreated(em, event.payload));
  }

  @EventPattern(executionStarted.type)
  onStarted(@Payload() event: EventEnvelope<PublicPayload<typeof executionStarted>>) {
    return this.once(event, (em) => readModelWriter.executionStarted(em, event.payload));
  }

  @EventPattern(executionStageCompleted.type)
  onStageCompleted(@Payload() event: EventEnvelope<PublicPayload<typeof executionStageCompleted>>) {
    return this.once(event, async (em) => void (await readModelWriter.stageCompleted(em, event.payload)));
  }

  @EventPattern(executionFinished.type)
  onFinished(@Payload() event: EventEnvelope<PublicPayload<typeof executionFinished>>) {
    return this.once(event, (em) => readModelWriter.executionFinished(em, event.payload));
  }

  @EventPattern(contentFetched.type)
  onFetched(@Payload() event: EventEnvelope<PublicPayload<typeof contentFetched>>) {
    return this.once(event, (em) => readModelWriter.contentFetched(em, event.payload));
  }

  @EventPattern(contentProcessed.type)
  onProcessed(@Payload() event: EventEnvelope<PublicPayload<typeof contentProcessed>>) {
    return this.once(event, (em) => readModelWriter.contentProcessed(em, event.payload));
  }

  private async once(event: EventEnvelope, effect: (em: EntityManager) => Promise<void>): Promise<{ duplicates: number }> {
    return this.events.transact(async (tx) => {
      if (!(await claimInbox(tx.em, READ_MODELS_CONSUMER, event.eventId))) return { duplicates: 1 };
      await effect(tx.em);
      return { duplicates: 0 };
    });
  }
}
