import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { Who } from '@mindhill/platform';
import { DeliveryView, listDeliveries } from '../../infrastructure/report-delivery.read-model';
import { ListDeliveriesRequest } from './list-deliveries.schema';

// Deliveries by status: an admin sees all, a user those of their own reports, a viewer none.
@Injectable()
export class ListDeliveriesQuery {
  constructor(private readonly events: EventStore) {}

  async execute(request: ListDeliveriesRequest, who: Who): Promise<{ items: DeliveryView[]; nextBefore: string | null }> {
    const items = await listDeliveries(this.events.readModel(), who, request);
    return { items, nextBefore: items.length === request.limit ? items[items.length - 1]!.updatedAt : null };
  }
}
