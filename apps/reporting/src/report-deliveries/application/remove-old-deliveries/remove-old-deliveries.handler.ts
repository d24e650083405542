import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { deliveryRetentionCompleted, newEvent, streamIds } from '@mindhill/contracts';
import { EventContext, EventStore } from '@mindhill/persistence';
import { assertAdmin } from '@mindhill/platform';
import { DELIVERY_SETTINGS, DeliverySettings } from '../../infrastructure/delivery-settings';
import { countFinishedBefore } from '../../infrastructure/report-delivery.read-model';
import { RemoveOldDeliveriesRequest } from './remove-old-deliveries.schema';

export type DeliveryRetentionReceipt = {
  runId: string | null;
  dryRun: boolean;
  retentionDays: number;
  cutoff: string;
  matched: number;
  deleted: number;
};

// Removes finished deliveries (delivered or failed) older than report_delivery_retention_days.
// A real run is recorded as reporting.delivery-retention.completed (also when it found nothing),
// and the projector deletes the rows when it applies that receipt, so a rebuild from the events
// removes them again; a dry run only counts and records nothing (as the other retentions).
@Injectable()
export class RemoveOldDeliveriesHandler {
  constructor(
    private readonly events: EventStore,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
  ) {}

  // An admin's request (POST /api/v1/report-deliveries/retention).
  execute(request: RemoveOldDeliveriesRequest, context: EventContext): Promise<DeliveryRetentionReceipt> {
    assertAdmin(context.actor, 'Removing old report deliveries');
    return this.apply(request.dryRun, request.retentionDays ?? this.settings.retentionDays, context);
  }

  async apply(dryRun: boolean, retentionDays: number, context: EventContext): Promise<DeliveryRetentionReceipt> {
    const now = new Date();
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
    if (dryRun) {
      const matched = await countFinishedBefore(this.events.readModel(), cutoff);
      return { runId: null, dryRun, retentionDays, cutoff, matched, deleted: 0 };
    }
    const runId = randomUUID();
    return this.events.transact(async (tx) => {
      const matched = await countFinishedBefore(tx.em, cutoff);
      const receipt = { runId, dryRun, retentionDays, cutoff, matched, deleted: matched };
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
