import { Inject, Injectable } from '@nestjs/common';
import { LIVE_SETTINGS, LiveSettings } from '@mindhill/messaging';
import { EventContext, EventStore } from '@mindhill/persistence';
import { DEFAULT_TIMEOUT_MINUTES, RUN_LIMIT, RunLimit } from '../../../workflows.settings';
import { dataSourceIdsOf } from '../../domain/data-source-grants';
import { creationOf, WorkflowRequest } from '../../domain/workflow-creation';
import { workflowDecider } from '../../domain/workflow.decider';
import { dataSourceGrants } from '../../infrastructure/data-source-access.read-model';
import { toWorkflowView } from '../../infrastructure/workflow.read-model';
import { appendNewWorkflow, newWorkflowIds } from '../../infrastructure/workflow.store';

// Creates a workflow owned by the caller (and, at first start, the platform's templates).
@Injectable()
export class CreateWorkflowHandler {
  constructor(
    private readonly events: EventStore,
    @Inject(LIVE_SETTINGS) private readonly settings: LiveSettings,
    @Inject(RUN_LIMIT) private readonly runLimit: RunLimit,
  ) {}

  // templateName: a template of the platform's own (the seed's), which may leave data sources out.
  execute(request: WorkflowRequest, context: EventContext, templateName: string | null = null) {
    return this.events.transact(async (tx) => {
      const command = {
        kind: 'create' as const,
        by: context.actor,
        now: new Date(),
        request,
        templateName,
        defaultTimeoutMinutes: this.settings.integer('default_workflow_timeout', DEFAULT_TIMEOUT_MINUTES),
        minScheduleIntervalSeconds: this.runLimit.minScheduleIntervalSeconds,
        dataSources: await dataSourceGrants(tx.em, dataSourceIdsOf(request.configuration)),
      };
      // Refusals come before numbering: a refused creation takes no workflow number.
      creationOf(null, command);
      const ids = await newWorkflowIds(tx.em);
      const events = workflowDecider.decide(null, { ...command, ...ids });
      return toWorkflowView(await appendNewWorkflow(tx, ids, events, context));
    });
  }
}
