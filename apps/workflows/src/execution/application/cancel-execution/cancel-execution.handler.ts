import { Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { executionDecider } from '../../domain/execution.decider';
import { appendExecution, executionView, loadExecution } from '../../infrastructure/execution.store';

// Ends a run at its owner's (or an admin's) request; its pending retries and timeouts go with it.
@Injectable()
export class CancelExecutionHandler {
  constructor(private readonly events: EventStore) {}

  execute(executionId: string, context: EventContext) {
    return this.events.transact(async (tx) => {
      const { version, state } = await loadExecution(tx, executionId, context.actor);
      const events = executionDecider.decide(state, { kind: 'cancel', by: context.actor, now: new Date() });
      await appendExecution(tx, state.id, version, events, context);
      return executionView(tx, state.id);
    });
  }
}
