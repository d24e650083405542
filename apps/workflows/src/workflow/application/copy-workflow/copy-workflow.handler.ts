import { Inject, Injectable } from '@nestjs/common';
import { LIVE_SETTINGS, LiveSettings } from '@mindhill/messaging';
import { EventContext, EventStore } from '@mindhill/persistence';
import { DEFAULT_TIMEOUT_MINUTES, RUN_LIMIT, RunLimit } from '../../../workflows.settings';
import { dataSourceIdsOf } from '../../domain/data-source-grants';
import { creationOf } from '../../domain/workflow-creation';
import { workflowDecider } from '../../domain/workflow.decider';
import { dataSourceGrants } from '../../infrastructure/data-source-access.read-model';
import { toWorkflowView } from '../../infrastructure/workflow.read-model';
import { appendNewWorkflow, loadWorkflow, newWorkflowIds } from '../../infrastructure/workflow.store';

// Copies a workflow the caller may see into a new, inactive one they own (so checked against
// their data sources).
@Injectable()
export class CopyWorkflowHandler {
  constructor(
    private readonly events: EventStore,
    @Inject(LIVE_SETTINGS) private readonly settings: LiveSettings,
    @Inject(RUN_LIMIT) private readonly runLimit: RunLimit,
  ) {}

  execute(sourceId: string, name: string | undefined, context: EventContext) {
    return this.events.transact(async (tx) => {
      const { state: source } = await loadWorkflow(tx, sourceId, context.actor);
      const command = {
        kind: 'copy' as const,
        by: context.actor,
        now: new Date(),
        name,
        defaultTimeoutMinutes: this.settings.integer('default_workflow_timeout', DEFAULT_TIMEOUT_MINUTES),
        minScheduleIntervalSeconds: this.runLimit.minScheduleIntervalSeconds,
        dataSources: await dataSourceGrants(tx.em, dataSourceIdsOf(source.configuration)),
      };
      // Refusals come before numbering: a refused copy takes no workflow number.
      creationOf(source, command);
      const ids = await newWorkflowIds(tx.em);
      const events = workflowDecider.decide(source, { ...command, ...ids });
      return toWorkflowView(await appendNewWorkflow(tx, ids, events, context));
    });
  }
}
