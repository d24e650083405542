import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, workflowCreated, workflowSharingChanged } from '@mindhill/contracts';
import { claimInbox, EventStore, recordWorkflowAccess } from '@mindhill/persistence';

export const WORKFLOW_ACCESS_CONSUMER = 'ingestion.workflow-access';

// Workflow events into workflow_access, each claimed in the inbox.
@Controller()
export class WorkflowAccessKafkaController {
  constructor(private readonly events: EventStore) {}

  private record(event: EventEnvelope<Record<string, unknown>>): Promise<{ duplicates: number }> {
    return this.events.transact(async (tx) => {
      if (!(await claimInbox(tx.em, WORKFLOW_ACCESS_CONSUMER, event.eventId))) return { duplicates: 1 };
      await recordWorkflowAccess(tx.em, event);
      return { duplicates: 0 };
    });
  }

  @EventPattern(workflowCreated.type)
  created(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.record(event);
  }

  @EventPattern(workflowSharingChanged.type)
  sharingChanged(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.record(event);
  }
}
