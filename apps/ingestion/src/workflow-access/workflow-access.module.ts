import { Module } from '@nestjs/common';
import { WorkflowAccessKafkaController } from './interface/workflow-access.kafka-controller';

// workflow_access, from workflows' events: who may see the fetchings and contents of a workflow.
@Module({
  controllers: [WorkflowAccessKafkaController],
})
export class WorkflowAccessModule {}
