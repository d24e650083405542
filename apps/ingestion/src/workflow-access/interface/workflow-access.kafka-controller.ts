import { Controller } from '@nestjs/common';
import { workflowCreated, workflowSharingChanged } from '@mindhill/contracts';
import { EventOf, OnEvent } from '@mindhill/messaging';
import { EventStore, recordOnce, recordWorkflowAccess } from '@mindhill/persistence';

export const WORKFLOW_ACCESS_CONSUMER = 'ingestion.workflow-access';

// Workflow events into workflow_access, each claimed in the inbox.
@Controller()
export class WorkflowAccessKafkaController {
  constructor(private readonly events: EventStore) {}

  private record(event: EventOf<typeof workflowCreated> | EventOf<typeof workflowSharingChanged>) {
    return recordOnce(this.events, WORKFLOW_ACCESS_CONSUMER, event.eventId, (em) => recordWorkflowAccess(em, event));
  }

  @OnEvent(workflowCreated)
  created(event: EventOf<typeof workflowCreated>) {
    return this.record(event);
  }

  @OnEvent(workflowSharingChanged)
  sharingChanged(event: EventOf<typeof workflowSharingChanged>) {
    return this.record(event);
  }
}
