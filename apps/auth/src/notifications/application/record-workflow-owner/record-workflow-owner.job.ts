import { Injectable } from '@nestjs/common';
import { EventEnvelope } from '@mindhill/contracts';
import { EventStore, recordOnce, recordWorkflowAccess } from '@mindhill/persistence';

export const WORKFLOW_OWNERS_CONSUMER = 'auth.workflow-owners';

// workflow_access from the workflow events (created, sharing changed), each claimed in the
// inbox: who owns a workflow, so its failed runs are told to them.
@Injectable()
export class RecordWorkflowOwnerJob {
  constructor(private readonly events: EventStore) {}

  execute(event: EventEnvelope<Record<string, unknown>>): Promise<{ duplicates: number }> {
    return recordOnce(this.events, WORKFLOW_OWNERS_CONSUMER, event.eventId, (em) => recordWorkflowAccess(em, event));
  }
}
