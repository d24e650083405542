import { Inject, Injectable } from '@nestjs/common';
import { streamIds } from '@mindhill/contracts';
import { KAFKA, KafkaClient, publishRaw } from '@mindhill/messaging';
import { EventContext, EventStore } from '@mindhill/persistence';
import { deadLetterNotFound, replayHeaders, requireDeadLetterAdmin } from '../../domain/dead-letter';
import { deadLetterDecider, replayTopic } from '../../domain/dead-letter.decider';
import { DeadLetterView, deadLetterState, findDeadLetter, toDeadLetterView } from '../../infrastructure/dead-letter.read-model';

// Puts the original bytes back on the original topic, then records the decision. Consumers are
// idempotent by event id, so a replay that is published twice is harmless.
@Injectable()
export class ReplayDeadLetterHandler {
  constructor(
    private readonly events: EventStore,
    @Inject(KAFKA) private readonly kafka: KafkaClient,
  ) {}

  async execute(id: string, context: EventContext): Promise<DeadLetterView> {
    requireDeadLetterAdmin(context.actor);
    const letter = await findDeadLetter(this.events.readModel(), id);
    if (!letter) throw deadLetterNotFound(id);
    const state = deadLetterState(letter);
    const decided = deadLetterDecider.decide(state, { kind: 'replay', by: context.actor.userNumber });
    await publishRaw(this.kafka, replayTopic(state), [
      { key: letter.messageKey, value: letter.messageValue, headers: replayHeaders(letter.headers, letter.uuid) },
    ]);
    await this.events.transact(async (tx) => {
      const stream = streamIds.deadLetter(letter.uuid);
      await tx.appendAtCurrent(stream, decided, context);
    });
    const replayed = await findDeadLetter(this.events.readModel(), id);
    if (!replayed) throw deadLetterNotFound(id);
    return toDeadLetterView(replayed, false);
  }
}
