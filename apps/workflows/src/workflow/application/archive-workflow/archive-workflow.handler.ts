import { Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { workflowDecider } from '../../domain/workflow.decider';
import { toWorkflowView } from '../../infrastructure/workflow.read-model';
import { appendWorkflowChange, loadWorkflow } from '../../infrastructure/workflow.store';

// Archives a workflow: it no longer runs or changes, and leaves the default list.
@Injectable()
export class ArchiveWorkflowHandler {
  constructor(private readonly events: EventStore) {}

  execute(id: string, context: EventContext) {
    return this.events.transact(async (tx) => {
      const { version, state } = await loadWorkflow(tx, id, context.actor);
      const events = workflowDecider.decide(state, { kind: 'change-status', by: context.actor, to: 'archived' });
      return toWorkflowView(await appendWorkflowChange(tx, state, version, events, context));
    });
  }
}
