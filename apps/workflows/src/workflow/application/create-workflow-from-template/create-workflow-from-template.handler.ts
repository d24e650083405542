import { Inject, Injectable } from '@nestjs/common';
import { LIVE_SETTINGS, LiveSettings } from '@mindhill/messaging';
import { EventContext, EventStore } from '@mindhill/persistence';
import { DEFAULT_TIMEOUT_MINUTES, RUN_LIMIT, RunLimit } from '../../../workflows.settings';
import { creationOf, FromTemplateRequest } from '../../domain/workflow-creation';
import { workflowDecider } from '../../domain/workflow.decider';
import { dataSourceGrants } from '../../infrastructure/data-source-access.read-model';
import { toWorkflowView } from '../../infrastructure/workflow.read-model';
import { appendNewWorkflow, findTemplate, newWorkflowIds } from '../../infrastructure/workflow.store';

// Creates a workflow from one of the platform's templates, with the caller's data sources and
// settings; the template is its parent.
@Injectable()
export class CreateWorkflowFromTemplateHandler {
  constructor(
    private readonly events: EventStore,
    @Inject(LIVE_SETTINGS) private readonly settings: LiveSettings,
    @Inject(RUN_LIMIT) private readonly runLimit: RunLimit,
  ) {}

  execute(templateName: string, request: FromTemplateRequest, context: EventContext) {
    return this.events.transact(async (tx) => {
      const template = await findTemplate(tx.em, templateName);
      const command = {
        kind: 'create-from-template' as const,
        by: context.actor,
        now: new Date(),
        templateName,
        request,
        defaultTimeoutMinutes: this.settings.integer('default_workflow_timeout', DEFAULT_TIMEOUT_MINUTES),
        minScheduleIntervalSeconds: this.runLimit.minScheduleIntervalSeconds,
        dataSources: await dataSourceGrants(tx.em, request.dataSources),
      };
      // Refusals come before numbering: a refused creation takes no workflow number.
      creationOf(template, command);
      const ids = await newWorkflowIds(tx.em);
      const events = workflowDecider.decide(template, { ...command, ...ids });
      return toWorkflowView(await appendNewWorkflow(tx, ids, events, context));
    });
  }
}
