import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, workflowCreated, workflowSharingChanged } from '@mindhill/contracts';
import { claimInbox, EventStore, recordWorkflowAccess } from '@mindhill/persistence';
import { STAGE_REQUESTS_TRANSPORT } from '../../stages/interface/stage-requests.kafka-controller';

export const WORKFLOW_ACCESS_CONSUMER = 'processing.workflow-access';

// Workflow events into workflow_access (on the stage-requests consumer group), each claimed in
// the inbox.
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

  @EventPattern(workflowCreated.type, STAGE_REQUESTS_TRANSPORT)
  created(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.record(event);
  }

  @EventPattern(workflowSharingChanged.type, STAGE_REQUESTS_TRANSPORT)
  sharingChanged(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.record(event);
  }
}
