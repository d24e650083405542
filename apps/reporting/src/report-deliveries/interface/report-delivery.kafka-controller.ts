import { Controller } from '@nestjs/common';
import { reportExecutionCompleted } from '@mindhill/contracts';
import { EventOf, OnEvent } from '@mindhill/messaging';
import { DeliverReportJob } from '../application/deliver-report/deliver-report.job';
import { PlanDeliveriesJob } from '../application/plan-deliveries/plan-deliveries.job';

// Handlers of the `reporting.deliveries` consumer group only.
export const DELIVERIES_TRANSPORT = Symbol('reporting.deliveries');

@Controller()
export class ReportDeliveryKafkaController {
  constructor(
    private readonly planDeliveries: PlanDeliveriesJob,
    private readonly worker: DeliverReportJob,
  ) {}

  @OnEvent(reportExecutionCompleted, DELIVERIES_TRANSPORT)
  async onCompleted(event: EventOf<typeof reportExecutionCompleted>): Promise<{ duplicates: number }> {
    const { duplicates } = await this.planDeliveries.execute(event, () => this.worker.kick());
    return { duplicates };
  }
}
