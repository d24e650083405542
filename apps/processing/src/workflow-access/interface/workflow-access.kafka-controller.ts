import { Controller } from '@nestjs/common';
import { workflowCreated, workflowSharingChanged } from '@mindhill/contracts';
import { EventOf, OnEvent } from '@mindhill/messaging';
import { EventStore, recordOnce, recordWorkflowAccess } from '@mindhill/persistence';
import { STAGE_REQUESTS_TRANSPORT } from '../../stages/interface/stage-requests.kafka-controller';

export const WORKFLOW_ACCESS_CONSUMER = 'processing.workflow-access';

// Workflow events into workflow_access (on the stage-requests consumer group), each claimed in
// the inbox.
@Controller()
export class WorkflowAccessKafkaController {
  constructor(private readonly events: EventStore) {}

  private record(event: EventOf<typeof workflowCreated> | EventOf<typeof workflowSharingChanged>) {
    return recordOnce(this.events, WORKFLOW_ACCESS_CONSUMER, event.eventId, (em) => recordWorkflowAccess(em, event));
  }

  @OnEvent(workflowCreated, STAGE_REQUESTS_TRANSPORT)
  created(event: EventOf<typeof workflowCreated>) {
    return this.record(event);
  }

  @OnEvent(workflowSharingChanged, STAGE_REQUESTS_TRANSPORT)
  sharingChanged(event: EventOf<typeof workflowSharingChanged>) {
    return this.record(event);
  }
}
