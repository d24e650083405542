import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, workflowCreated, workflowSharingChanged } from '@mindhill/contracts';
import { EventStore, recordOnce, recordWorkflowAccess } from '@mindhill/persistence';
import { STAGE_REQUESTS_TRANSPORT } from '../../stages/interface/stage-requests.kafka-controller';

export const WORKFLOW_ACCESS_CONSUMER = 'processing.workflow-access';

// Workflow events into workflow_access (on the stage-requests consumer group), each claimed in
// the inbox.
@Controller()
export class WorkflowAccessKafkaController {
  constructor(private readonly events: EventStore) {}

  private record(event: EventEnvelope<Record<string, unknown>>) {
    return recordOnce(this.events, WORKFLOW_ACCESS_CONSUMER, event.eventId, (em) => recordWorkflowAccess(em, event));
  }

  @EventPattern(workflowCreated.type, STAGE_REQUESTS_TRANSPORT)
  created(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.record(event);
  }

  @EventPattern(workflowSharingChanged.type, STAGE_REQUESTS_TRANSPORT)
  sharingChanged(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.record(event);
  }
}
