import { Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { deadLetterNotFound, requireDeadLetterAdmin } from '../../domain/dead-letter';
import { DeadLetterView, findDeadLetter, toDeadLetterView } from '../../infrastructure/dead-letter.read-model';

// One dead letter with its headers and message.
@Injectable()
export class GetDeadLetterQuery {
  constructor(private readonly events: EventStore) {}

  async execute(id: string, context: EventContext): Promise<DeadLetterView> {
    requireDeadLetterAdmin(context.actor);
    const letter = await findDeadLetter(this.events.readModel(), id);
    if (!letter) throw deadLetterNotFound(id);
    return toDeadLetterView(letter, true);
  }
}
