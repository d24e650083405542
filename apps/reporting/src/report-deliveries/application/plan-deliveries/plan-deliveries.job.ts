import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { reportExecutionCompleted, streamIds } from '@mindhill/contracts';
import { EventOf } from '@mindhill/messaging';
import { claimInbox, enqueueJob, EventStore } from '@mindhill/persistence';
import { reportDeliveryDecider } from '../../domain/report-delivery.decider';
import { findCompletedRun } from '../../infrastructure/report-delivery.read-model';
import { DELIVER_REPORT_JOB, deliverReportJobKey } from '../deliver-report/deliver-report.schema';

export const DELIVERIES_CONSUMER = 'reporting.deliveries';

// A run completed (manual or scheduled alike): one delivery per e-mail recipient and one for the
// webhook its report names now, each with its first attempt's job, in the transaction that claims
// the event in the inbox; a redelivered event plans nothing.
@Injectable()
export class PlanDeliveriesJob {
  constructor(private readonly events: EventStore) {}

  async execute(
    event: EventOf<typeof reportExecutionCompleted>,
    onEnqueued?: () => void,
  ): Promise<{ duplicates: number; planned: number }> {
    const result = await this.events.transact(async (tx) => {
      if (!(await claimInbox(tx.em, DELIVERIES_CONSUMER, event.eventId))) return { duplicates: 1, planned: 0 };
      const p = event.payload;
      const report = await findCompletedRun(tx.em, p.reportExecutionId);
      if (!report) return { duplicates: 0, planned: 0 };
      const planned = reportDeliveryDecider.decide(null, {
        kind: 'plan',
        run: {
          reportExecutionId: p.reportExecutionId,
          reportId: p.reportId,
          reportNumber: p.reportNumber,
          reportName: p.reportName,
          ...report,
        },
        newId: () => randomUUID(),
        now: new Date().toISOString(),
      });
      const context = { correlationId: event.correlationId, causationId: event.eventId, actor: event.actor };
      for (const requested of planned) {
        const deliveryId = String(requested.payload.deliveryId);
        await tx.append(streamIds.delivery(deliveryId), 0, [requested], context);
        const payload = { deliveryId, round: 1, attempt: 1 };
        await enqueueJob(tx.em, { key: deliverReportJobKey(payload), kind: DELIVER_REPORT_JOB, payload });
      }
      return { duplicates: 0, planned: planned.length };
    });
    if (result.planned > 0) onEnqueued?.();
    return result;
  }
}
