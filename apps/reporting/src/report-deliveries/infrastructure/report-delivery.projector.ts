import { EntityManager } from '@mikro-orm/postgresql';
import {
  deliveryAttempted,
  deliveryDelivered,
  deliveryFailed,
  deliveryRequested,
  deliveryRetentionCompleted,
  EventEnvelope,
  StoredPayload,
} from '@mindhill/contracts';
import { Projector } from '@mindhill/persistence';
import { deleteFinishedBefore } from './report-delivery.read-model';

type Requested = StoredPayload<typeof deliveryRequested>;
type Attempted = StoredPayload<typeof deliveryAttempted>;
type Delivered = StoredPayload<typeof deliveryDelivered>;
type Failed = StoredPayload<typeof deliveryFailed>;
type RetentionCompleted = StoredPayload<typeof deliveryRetentionCompleted>;

// Keeps report_deliveries in step with the delivery streams: a request (first or resend) opens a
// round, every attempt adds its receipt to attempt_log, delivered/failed close the round; a
// retention run (not a dry run) deletes the finished rows older than its cutoff, on replay too.
export const reportDeliveryProjector: Projector = {
  name: 'report_deliveries',
  handles: [deliveryRequested.type, deliveryAttempted.type, deliveryDelivered.type, deliveryFailed.type, deliveryRetentionCompleted.type],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    switch (event.type) {
      case deliveryRequested.type: {
        const p = event.payload as Requested;
        await em.execute(
          `INSERT INTO report_deliveries (uuid, report_execution_id, report_id, report_number, report_name, owner_number, channel, target,
             webhook_url, round, status, attempts, round_attempts, requested_by, requested_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, 0, ?, ?, ?)
           ON CONFLICT (uuid) DO UPDATE SET round = EXCLUDED.round, status = 'pending', round_attempts = 0, next_attempt_at = NULL,
             finished_at = NULL, requested_by = EXCLUDED.requested_by, updated_at = EXCLUDED.updated_at`,
          [
            p.deliveryId,
            p.reportExecutionId,
            p.reportId,
            p.reportNumber,
            p.reportName,
            p.ownerNumber,
            p.channel,
            p.target,
            p.webhookUrl ?? null,
            p.round,
            p.requestedBy,
            p.requestedAt,
            p.requestedAt,
          ],
          'run',
        );
        return;
      }
      case deliveryAttempted.type: {
        const p = event.payload as Attempted;
        const receipt = {
          attempt: p.attempt,
          round: p.round,
          outcome: p.outcome,
          where: p.where,
          mode: p.mode,
          responseCode: p.responseCode,
          errorCode: p.errorCode,
          nextAttemptAt: p.nextAttemptAt,
          at: p.attemptedAt,
        };
        await em.execute(
          `UPDATE report_deliveries SET attempts = ?, round_attempts = round_attempts + 1, last_response_code = ?, last_error_code = ?,
             mode = COALESCE(?, mode), next_attempt_at = ?, attempt_log = attempt_log || ?::jsonb, updated_at = ? WHERE uuid = ?`,
          [p.attempt, p.responseCode, p.errorCode, p.mode, p.nextAttemptAt, JSON.stringify([receipt]), p.attemptedAt, p.deliveryId],
          'run',
        );
        return;
      }
      case deliveryDelivered.type: {
        const p = event.payload as Delivered;
        await em.execute(
          `UPDATE report_deliveries SET status = 'delivered', delivered_where = ?, last_error_code = NULL, next_attempt_at = NULL,
             finished_at = ?, updated_at = ? WHERE uuid = ?`,
          [p.where, p.deliveredAt, p.deliveredAt, p.deliveryId],
          'run',
        );
        return;
      }
      case deliveryFailed.type: {
        const p = event.payload as Failed;
        await em.execute(
          `UPDATE report_deliveries SET status = 'failed', last_error_code = ?, next_attempt_at = NULL, finished_at = ?, updated_at = ? WHERE uuid = ?`,
          [p.errorCode, p.failedAt, p.failedAt, p.deliveryId],
          'run',
        );
        return;
      }
      case deliveryRetentionCompleted.type: {
        const p = event.payload as RetentionCompleted;
        if (!p.dryRun) await deleteFinishedBefore(em, p.cutoff);
        return;
      }
    }
  },
};
