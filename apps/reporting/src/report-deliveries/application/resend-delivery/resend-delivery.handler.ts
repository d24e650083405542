import { Injectable } from '@nestjs/common';
import { streamIds } from '@mindhill/contracts';
import { enqueueJob, EventContext, EventStore } from '@mindhill/persistence';
import { Who } from '@mindhill/platform';
import { reportDeliveryDecider } from '../../domain/report-delivery.decider';
import { DeliveryView, findDeliveryRow, toDeliveryState, toDeliveryView } from '../../infrastructure/report-delivery.read-model';
import { DELIVER_REPORT_JOB, deliverReportJobKey } from '../deliver-report/deliver-report.schema';

// Starts a new round of a finished delivery (owner or admin; 404 for anyone else, 409 while it is
// still being attempted): the request and the round's first job in one transaction.
@Injectable()
export class ResendDeliveryHandler {
  constructor(private readonly events: EventStore) {}

  async execute(id: string, context: EventContext, onEnqueued?: () => void): Promise<DeliveryView> {
    const who: Who = context.actor;
    const view = await this.events.transact(async (tx) => {
      const row = await findDeliveryRow(tx.em, id, true);
      const state = row ? toDeliveryState(row) : null;
      const events = reportDeliveryDecider.decide(state, { kind: 'resend', by: who, now: new Date().toISOString() });
      const deliveryId = state!.deliveryId;
      await tx.appendAtCurrent(streamIds.delivery(deliveryId), events, context);
      const payload = { deliveryId, round: Number(events[0]!.payload.round), attempt: 1 };
      await enqueueJob(tx.em, { key: deliverReportJobKey(payload), kind: DELIVER_REPORT_JOB, payload });
      return toDeliveryView((await findDeliveryRow(tx.em, deliveryId))!);
    });
    onEnqueued?.();
    return view;
  }
}
