import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, workflowCreated, workflowSharingChanged } from '@mindhill/contracts';
import { EventStore, recordOnce, recordWorkflowAccess } from '@mindhill/persistence';

export const WORKFLOW_ACCESS_CONSUMER = 'ingestion.workflow-access';

// Workflow events into workflow_access, each claimed in the inbox.
@Controller()
export class WorkflowAccessKafkaController {
  constructor(private readonly events: EventStore) {}

  private record(event: EventEnvelope<Record<string, unknown>>) {
    return recordOnce(this.events, WORKFLOW_ACCESS_CONSUMER, event.eventId, (em) => recordWorkflowAccess(em, event));
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
