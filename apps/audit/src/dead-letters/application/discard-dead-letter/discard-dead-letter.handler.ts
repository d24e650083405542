import { Injectable } from '@nestjs/common';
import { streamIds } from '@mindhill/contracts';
import { EventContext, EventStore } from '@mindhill/persistence';
import { deadLetterNotFound, requireDeadLetterAdmin } from '../../domain/dead-letter';
import { deadLetterDecider } from '../../domain/dead-letter.decider';
import { DeadLetterView, deadLetterState, findDeadLetter, toDeadLetterView } from '../../infrastructure/dead-letter.read-model';
import { DiscardDeadLetterRequest } from './discard-dead-letter.schema';

// Records that a dead letter is dropped on purpose (kept, audited, no longer pending).
@Injectable()
export class DiscardDeadLetterHandler {
  constructor(private readonly events: EventStore) {}

  async execute(id: string, request: DiscardDeadLetterRequest, context: EventContext): Promise<DeadLetterView> {
    requireDeadLetterAdmin(context.actor);
    const letter = await findDeadLetter(this.events.readModel(), id);
    if (!letter) throw deadLetterNotFound(id);
    const command = { kind: 'discard', by: context.actor.userNumber, reason: request.reason ?? null } as const;
    const decided = deadLetterDecider.decide(deadLetterState(letter), command);
    await this.events.transact(async (tx) => {
      const stream = streamIds.deadLetter(letter.uuid);
      await tx.appendAtCurrent(stream, decided, context);
    });
    const discarded = await findDeadLetter(this.events.readModel(), id);
    if (!discarded) throw deadLetterNotFound(id);
    return toDeadLetterView(discarded, false);
  }
}
