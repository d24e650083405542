import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { Who } from '@mindhill/platform';
import { getExecution } from '../../../report-executions/infrastructure/report-execution.read-model';
import { DeliveryView, listExecutionDeliveries } from '../../infrastructure/report-delivery.read-model';

// A run's deliveries and their receipts, for whoever may read the run (404 otherwise).
@Injectable()
export class ListExecutionDeliveriesQuery {
  constructor(private readonly events: EventStore) {}

  async execute(executionId: string, who: Who): Promise<{ items: DeliveryView[] }> {
    const em = this.events.readModel();
    const execution = await getExecution(em, executionId, who);
    return { items: await listExecutionDeliveries(em, execution.id) };
  }
}
