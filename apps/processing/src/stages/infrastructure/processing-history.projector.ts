import { EntityManager } from '@mikro-orm/postgresql';
import { EventEnvelope, historyRecorded, StoredPayload } from '@mindhill/contracts';
import { Projector } from '@mindhill/persistence';

type Recorded = StoredPayload<typeof historyRecorded>;

// processing_history rows from processing.history.recorded; every value comes from the event
// (the id is the processing id allocated by the command), so a replay rebuilds identical rows.
export const processingHistoryProjector: Projector = {
  name: 'processing-history',
  // Writes only: its statement travels with the append's (Projector.writesOnly).
  writesOnly: true,
  handles: [historyRecorded.type],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    const p = event.payload as Recorded;
    await em.execute(
      `INSERT INTO processing_history (id, uuid, processing_id, fetching_id, flux_id, flux_uuid, execution_id, execution_uuid, workflow_uuid,
         stage_id, stage_order, attempt, stage_name, status, timestamp, started_at, completed_at, processing_time_seconds, processing_type,
         processing_algorithm, processing_config, number_of_processing_content, content_processed, content_successful, content_failed,
         items_per_second, accuracy_score, confidence_score, quality_metrics, error_message, error_details, failed_items,
         processing_metadata, input_hash, output_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        p.processingId,
        p.historyId,
        p.processingId,
        p.fetchingId,
        p.fluxNumber,
        p.fluxId,
        p.executionNumber,
        p.executionId,
        p.workflowId,
        p.stageOrder,
        p.attempt,
        p.stageName,
        p.status,
        p.completedAt,
        p.startedAt,
        p.completedAt,
        p.processingTimeSeconds,
        p.processingType,
        p.processingAlgorithm,
        JSON.stringify(p.processingConfig),
        p.numberOfProcessingContent,
        p.contentProcessed,
        p.contentSuccessful,
        p.contentFailed,
        p.itemsPerSecond,
        p.accuracyScore,
        p.confidenceScore,
        JSON.stringify(p.qualityMetrics),
        p.errorMessage,
        p.errorCode ? JSON.stringify({ code: p.errorCode }) : null,
        JSON.stringify(p.failedItems),
        JSON.stringify({ output: p.output }),
        p.inputHash,
        p.outputHash,
        event.occurredAt,
        event.occurredAt,
      ],
      'run',
    );
  },
};
