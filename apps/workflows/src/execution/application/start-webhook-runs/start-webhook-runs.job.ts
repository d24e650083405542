import { Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR, webhookReceived } from '@mindhill/contracts';
import { EventOf } from '@mindhill/messaging';
import { claimInbox, EventContext, EventStore } from '@mindhill/persistence';
import { DomainError, getLogger } from '@mindhill/platform';
import { dataSourceGrants } from '../../../workflow/infrastructure/data-source-access.read-model';
import { findWorkflowState, toWorkflowState } from '../../../workflow/infrastructure/workflow.read-model';
import { startsFromDelivery, webhookRun } from '../../domain/webhook-run';
import { runOfDelivery, workflowsReading } from '../../infrastructure/webhook-runs.read-model';
import { StartExecutionHandler } from '../start-execution/start-execution.handler';

export const WEBHOOK_RUNS_CONSUMER = 'workflows.webhook-runs';

// An accepted webhook delivery (signature and replay already checked by ingestion, which sends
// one event per delivery) starts a run of every active workflow reading its source, when the
// source is set to start runs. The inbox claim and the runs commit together; a workflow that
// already has a run of this delivery gets no second one (a unique index backs the check). A
// workflow that refuses the run (a required input without default, too many runs waiting) is
// skipped with a log line; the others still start.
@Injectable()
export class StartWebhookRunsJob {
  private readonly logger = getLogger('webhook-runs');

  constructor(
    private readonly events: EventStore,
    private readonly startExecution: StartExecutionHandler,
  ) {}

  run(event: EventOf<typeof webhookReceived>): Promise<{ duplicates: number }> {
    const delivery = event.payload;
    // The platform starts these runs, as it starts scheduled ones: the workflow's owner holds
    // the run slot, and the owner's data sources are read.
    const context: EventContext = { correlationId: event.correlationId, causationId: event.eventId, actor: SYSTEM_ACTOR };
    return this.events.transact(async (tx) => {
      if (!(await claimInbox(tx.em, WEBHOOK_RUNS_CONSUMER, event.eventId))) return { duplicates: 1 };
      if (delivery.startRuns !== true) return { duplicates: 0 };
      const [grant] = await dataSourceGrants(tx.em, [delivery.fluxId]);
      const { trigger, providedInputs } = webhookRun(delivery);
      for (const workflowId of await workflowsReading(tx.em, delivery.fluxId)) {
        const row = await findWorkflowState(tx.em, { uuid: workflowId });
        if (!row || !startsFromDelivery(delivery, toWorkflowState(row), grant)) continue;
        if (await runOfDelivery(tx.em, row.id, delivery.deliveryId)) continue;
        try {
          await this.startExecution.startIn(tx, workflowId, { triggeredBy: 'webhook', trigger, providedInputs }, context);
        } catch (error) {
          // A refusal is decided before anything is written, so the transaction goes on.
          if (!(error instanceof DomainError)) throw error;
          this.logger.warn(
            { workflowId, deliveryId: delivery.deliveryId, code: error.code },
            'Webhook delivery started no run of this workflow',
          );
        }
      }
      return { duplicates: 0 };
    });
  }
}
