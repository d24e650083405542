import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { deliveryRetentionCompleted, newEvent, streamIds } from '@mindhill/contracts';
import { EventContext, EventStore } from '@mindhill/persistence';
import { assertAdmin } from '@mindhill/platform';
import { DELIVERY_SETTINGS, DeliverySettings } from '../../infrastructure/delivery-settings';
import { countFinishedBefore } from '../../infrastructure/report-delivery.read-model';
import { RemoveOldDeliveriesRequest } from './remove-old-deliveries.schema';

export type DeliveryRetentionReceipt = {
  runId: string;
  dryRun: boolean;
  retentionDays: number;
  cutoff: string;
  matched: number;
  deleted: number;
};

// Removes finished deliveries (delivered or failed) older than report_delivery_retention_days,
// admin only, with a receipt event; a dry run only counts. The projector deletes the rows when it
// applies the receipt, so a rebuild from the events removes them again.
@Injectable()
export class RemoveOldDeliveriesHandler {
  constructor(
    private readonly events: EventStore,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
  ) {}

  async execute(request: RemoveOldDeliveriesRequest, context: EventContext): Promise<DeliveryRetentionReceipt> {
    assertAdmin(context.actor, 'Removing old report deliveries');
    const retentionDays = request.retentionDays ?? this.settings.retentionDays;
    const now = new Date();
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
    const runId = randomUUID();
    return this.events.transact(async (tx) => {
      const matched = await countFinishedBefore(tx.em, cutoff);
      const receipt = { runId, dryRun: request.dryRun, retentionDays, cutoff, matched, deleted: request.dryRun ? 0 : matched };
      await tx.append(
        streamIds.deliveryRetention(runId),
        0,
        [newEvent(deliveryRetentionCompleted, { ...receipt, requestedBy: context.actor.userNumber, completedAt: now.toISOString() })],
        context,
      );
      return receipt;
    });
  }
}
