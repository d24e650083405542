import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { Who } from '@mindhill/platform';
import { requireExecution, rerunsOf, stagesOf, toExecutionView, visibleExecution } from '../../infrastructure/execution.read-model';

// One run with its stages and its reruns, if the caller may see its workflow.
@Injectable()
export class GetExecutionQuery {
  constructor(private readonly events: EventStore) {}

  async execute(executionId: string, who: Who) {
    const em = this.events.readModel();
    const execution = visibleExecution(await requireExecution(em, executionId), who);
    return { ...toExecutionView(execution, await stagesOf(em, execution.id)), reruns: await rerunsOf(em, execution.uuid) };
  }
}
