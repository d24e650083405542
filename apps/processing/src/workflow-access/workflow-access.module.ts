import { Module } from '@nestjs/common';
import { WorkflowAccessKafkaController } from './interface/workflow-access.kafka-controller';

// workflow_access, from workflows' events (on the stage-requests consumer group): who may see
// the history and search results of a workflow.
@Module({
  controllers: [WorkflowAccessKafkaController],
})
export class WorkflowAccessModule {}
