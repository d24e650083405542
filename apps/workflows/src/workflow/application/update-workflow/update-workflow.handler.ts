import { Inject, Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { RUN_LIMIT, RunLimit } from '../../../workflows.settings';
import { dataSourceIdsOf } from '../../domain/data-source-grants';
import { WorkflowChangeRequest, workflowDecider } from '../../domain/workflow.decider';
import { dataSourceGrants } from '../../infrastructure/data-source-access.read-model';
import { toWorkflowView } from '../../infrastructure/workflow.read-model';
import { appendWorkflowChange, loadWorkflow } from '../../infrastructure/workflow.store';

// Changes a workflow's definition (a new version) and its sharing; its schedule's tick follows.
@Injectable()
export class UpdateWorkflowHandler {
  constructor(
    private readonly events: EventStore,
    @Inject(RUN_LIMIT) private readonly runLimit: RunLimit,
  ) {}

  execute(id: string, request: WorkflowChangeRequest, context: EventContext) {
    return this.events.transact(async (tx) => {
      const { version, state } = await loadWorkflow(tx, id, context.actor);
      const events = workflowDecider.decide(state, {
        kind: 'update',
        by: context.actor,
        now: new Date(),
        request,
        minScheduleIntervalSeconds: this.runLimit.minScheduleIntervalSeconds,
        dataSources: await dataSourceGrants(tx.em, dataSourceIdsOf(request.configuration)),
      });
      return toWorkflowView(await appendWorkflowChange(tx, state, version, events, context));
    });
  }
}
