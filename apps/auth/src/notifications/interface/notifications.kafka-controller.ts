import { Controller } from '@nestjs/common';
import { executionFinished, workflowCreated, workflowSharingChanged } from '@mindhill/contracts';
import { EventOf, OnEvent } from '@mindhill/messaging';
import { NotifyRunFailureJob } from '../application/notify-run-failure/notify-run-failure.job';
import { RecordWorkflowOwnerJob } from '../application/record-workflow-owner/record-workflow-owner.job';

// What auth reads from the workflows service (group auth.notifications): the workflows' owners
// and the ends of their runs.
@Controller()
export class NotificationsKafkaController {
  constructor(
    private readonly owners: RecordWorkflowOwnerJob,
    private readonly runFailures: NotifyRunFailureJob,
  ) {}

  @OnEvent([workflowCreated, workflowSharingChanged])
  workflowOwner(event: EventOf<typeof workflowCreated> | EventOf<typeof workflowSharingChanged>) {
    return this.owners.execute(event);
  }

  @OnEvent(executionFinished)
  runFinished(event: EventOf<typeof executionFinished>) {
    return this.runFailures.execute(event);
  }
}
