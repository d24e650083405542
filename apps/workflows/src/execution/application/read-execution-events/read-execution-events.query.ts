import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { Who } from '@mindhill/platform';
import { requireExecution, visibleExecution } from '../../infrastructure/execution.read-model';
import { executionEventsAfter } from '../../infrastructure/run-event-history.read-model';
import { ReadExecutionEventsParams } from './read-execution-events.schema';

// A run's events after a cursor, if the caller may see the run (the same rule as GET
// /executions/:id). cursor: where the next read starts, the last item's or the stream's head.
@Injectable()
export class ReadExecutionEventsQuery {
  constructor(private readonly events: EventStore) {}

  async execute(executionId: string, params: ReadExecutionEventsParams, who: Who) {
    const em = this.events.readModel();
    const execution = visibleExecution(await requireExecution(em, executionId), who);
    const after = Number(params.after ?? 0);
    const { items, head } = await executionEventsAfter(em, execution.uuid, after, params.limit);
    const more = items.length === params.limit;
    return { items, cursor: more ? items[items.length - 1]!.cursor : String(Math.max(head, after)), more };
  }
}
