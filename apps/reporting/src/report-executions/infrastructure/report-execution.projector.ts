import { EntityManager } from '@mikro-orm/postgresql';
import {
  EventEnvelope,
  reportExecutionCompleted,
  reportExecutionFailed,
  reportExecutionRequested,
  StoredPayload,
} from '@mindhill/contracts';
import { Projector } from '@mindhill/persistence';

type Requested = StoredPayload<typeof reportExecutionRequested>;
type Completed = StoredPayload<typeof reportExecutionCompleted>;
type Failed = StoredPayload<typeof reportExecutionFailed>;

// Keeps report_executions, and the run statistics on flux_reports, in step with the
// report-execution streams. The statistics after each run are carried by the event.
export const reportExecutionProjector: Projector = {
  name: 'report_executions',
  handles: [reportExecutionRequested.type, reportExecutionCompleted.type, reportExecutionFailed.type],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    switch (event.type) {
      case reportExecutionRequested.type: {
        const p = event.payload as Requested;
        const { from, to } = p.filtersApplied as { from?: string; to?: string };
        const dateRange = from || to ? JSON.stringify({ from: from ?? null, to: to ?? null }) : null;
        await em.execute(
          `INSERT INTO report_executions (id, uuid, report_id, execution_name, status, triggered_by, trigger_user_id, report_config, filters_applied,
             date_range, output_format, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'Created', ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            p.reportExecutionNumber,
            p.reportExecutionId,
            p.reportNumber,
            p.executionName,
            p.triggeredBy,
            p.triggerUserId,
            JSON.stringify(p.reportConfig),
            JSON.stringify(p.filtersApplied),
            dateRange,
            p.outputFormat,
            p.requestedAt,
            p.requestedAt,
          ],
          'run',
        );
        return;
      }
      case reportExecutionCompleted.type: {
        const p = event.payload as Completed;
        await em.execute(
          `UPDATE report_executions SET status = 'Success', started_at = ?, completed_at = ?, generation_time_seconds = ?, output_file_path = ?,
             output_file_size_bytes = ?, records_processed = ?, data_points_included = ?, query_time_seconds = ?, render_time_seconds = ?, updated_at = ?
           WHERE uuid = ?`,
          [
            p.startedAt,
            p.completedAt,
            p.generationTimeSeconds,
            p.outputFilePath,
            p.outputFileSizeBytes,
            p.recordsProcessed,
            p.dataPointsIncluded,
            p.queryTimeSeconds,
            p.renderTimeSeconds,
            p.completedAt,
            p.reportExecutionId,
          ],
          'run',
        );
        await em.execute(
          `UPDATE flux_reports SET run_count = ?, last_run_at = ?, last_run_status = 'Success', average_generation_time_seconds = ? WHERE id = ?`,
          [p.reportRunCount, p.completedAt, p.reportAverageGenerationTimeSeconds, p.reportNumber],
          'run',
        );
        return;
      }
      case reportExecutionFailed.type: {
        const p = event.payload as Failed;
        await em.execute(
          `UPDATE report_executions SET status = 'Failed', started_at = ?, completed_at = ?, error_message = ?, error_details = ?, updated_at = ? WHERE uuid = ?`,
          [p.startedAt, p.completedAt, p.errorMessage, JSON.stringify({ code: p.errorCode }), p.completedAt, p.reportExecutionId],
          'run',
        );
        await em.execute(
          `UPDATE flux_reports SET run_count = ?, last_run_at = ?, last_run_status = 'Failed', average_generation_time_seconds = ? WHERE id = ?`,
          [p.reportRunCount, p.completedAt, p.reportAverageGenerationTimeSeconds, p.reportNumber],
          'run',
        );
        return;
      }
    }
  },
};
