import { Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { requireDeadLetterAdmin } from '../../domain/dead-letter';
import { DeadLetterView, listDeadLetters, toDeadLetterView } from '../../infrastructure/dead-letter.read-model';
import { ListDeadLettersRequest } from './list-dead-letters.schema';

// Every service's dead letters, newest first, a page at a time (keyset on the id).
@Injectable()
export class ListDeadLettersQuery {
  constructor(private readonly events: EventStore) {}

  async execute(request: ListDeadLettersRequest, context: EventContext): Promise<{ items: DeadLetterView[]; nextCursor: string | null }> {
    requireDeadLetterAdmin(context.actor);
    const rows = await listDeadLetters(this.events.readModel(), { ...request, limit: request.limit + 1 });
    const page = rows.slice(0, request.limit);
    const last = page[page.length - 1];
    return { items: page.map((r) => toDeadLetterView(r, false)), nextCursor: rows.length > request.limit && last ? last.id : null };
  }
}
