import { Module } from '@nestjs/common';
import { AdmitWaitingRunsJob } from './application/admit-waiting-runs/admit-waiting-runs.job';
import { CancelExecutionHandler } from './application/cancel-execution/cancel-execution.handler';
import { GetExecutionQuery } from './application/get-execution/get-execution.query';
import { ListAllExecutionsQuery } from './application/list-all-executions/list-all-executions.query';
import { ListExecutionsQuery } from './application/list-executions/list-executions.query';
import { RecordStageOutcomeJob } from './application/record-stage-outcome/record-stage-outcome.job';
import { RerunExecutionHandler } from './application/rerun-execution/rerun-execution.handler';
import { RetryStageJob } from './application/retry-stage/retry-stage.job';
import { StartExecutionHandler } from './application/start-execution/start-execution.handler';
import { StartWebhookRunsJob } from './application/start-webhook-runs/start-webhook-runs.job';
import { TimeOutRunJob } from './application/time-out-run/time-out-run.job';
import { TimeOutStageJob } from './application/time-out-stage/time-out-stage.job';
import { ExecutionHttpController } from './interface/execution.http-controller';
import { StageOutcomeKafkaController } from './interface/stage-outcome.kafka-controller';
import { WebhookDeliveryKafkaController } from './interface/webhook-delivery.kafka-controller';

// Runs of workflows: starting (by users, schedules and webhook deliveries; or waiting for a run slot, by priority), cancelling, the workers' stage outcomes, retries and timeouts.
// Reads the workflow context's read model (plain functions); exports what the schedule's tick
// and the job worker call.
@Module({
  controllers: [ExecutionHttpController, StageOutcomeKafkaController, WebhookDeliveryKafkaController],
  providers: [
    StartExecutionHandler,
    RerunExecutionHandler,
    StartWebhookRunsJob,
    CancelExecutionHandler,
    RecordStageOutcomeJob,
    RetryStageJob,
    TimeOutStageJob,
    TimeOutRunJob,
    AdmitWaitingRunsJob,
    ListExecutionsQuery,
    ListAllExecutionsQuery,
    GetExecutionQuery,
  ],
  exports: [StartExecutionHandler, RetryStageJob, TimeOutStageJob, TimeOutRunJob, AdmitWaitingRunsJob],
})
export class ExecutionModule {}
