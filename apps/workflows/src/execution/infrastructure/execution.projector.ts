import { EntityManager } from '@mikro-orm/postgresql';
import {
  CarriedOverStage,
  EventEnvelope,
  executionCreated,
  executionFinished,
  executionStageCompleted,
  executionStageFailed,
  executionStageProgressed,
  executionStageRequested,
  executionStarted,
  executionsArchived,
  StoredPayload,
} from '@mindhill/contracts';
import { Projector } from '@mindhill/persistence';

type P<D> = StoredPayload<D>;

// workflow_executions, execution_stages and the execution statistics on workflows, from the
// execution stream. Every value comes from the events, so a replay rebuilds the same rows.
export const executionProjector: Projector = {
  name: 'executions',
  // Writes only: its statements travel with the append's (Projector.writesOnly).
  writesOnly: true,
  handles: [
    executionCreated.type,
    executionStarted.type,
    executionStageRequested.type,
    executionStageProgressed.type,
    executionStageCompleted.type,
    executionStageFailed.type,
    executionFinished.type,
    executionsArchived.type,
  ],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    const at = event.occurredAt;
    const run = (sql: string, params: unknown[]) => em.execute(sql, params, 'run');
    switch (event.type) {
      case executionCreated.type: {
        // Parsed, not cast: a run stored before priorities existed reads as the schema's default.
        const p = executionCreated.schema.parse(event.payload);
        await run(
          `INSERT INTO workflow_executions (id, uuid, workflow_id, workflow_version, configuration_hash, run_number, status, priority, total_stages,
             triggered_by, trigger_user_id, execution_context, created_at, updated_at)
           VALUES (?, ?, (SELECT id FROM workflows WHERE uuid = ?), ?, ?, ?, 'Created', ?, ?, ?, ?, ?, ?, ?)`,
          [
            p.executionNumber,
            p.executionId,
            p.workflowId,
            p.workflowVersion,
            p.configurationHash,
            p.runNumber,
            p.priority,
            p.stages.length,
            p.triggeredBy,
            p.triggerUserNumber,
            JSON.stringify({
              timeoutMinutes: p.timeoutMinutes,
              maxRetries: p.maxRetries,
              trigger: p.trigger ?? null,
              inputs: p.inputs ?? {},
            }),
            at,
            at,
          ],
        );
        for (const stage of p.stages) {
          await run(
            `INSERT INTO execution_stages (execution_id, stage_name, stage_type, stage_order, timeout_seconds, stage_configuration, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
            [
              p.executionNumber,
              stage.name,
              stage.type,
              stage.order,
              stage.timeoutSeconds,
              JSON.stringify({ settings: stage.settings, dataSourceIds: stage.dataSourceIds }),
              at,
              at,
            ],
          );
          if (stage.carriedOver) await projectCarriedOver(run, p.executionNumber, stage.order, stage.carriedOver);
        }
        await run('UPDATE workflows SET total_executions = total_executions + 1 WHERE uuid = ?', [p.workflowId]);
        return;
      }
      case executionStarted.type: {
        const p = event.payload as P<typeof executionStarted>;
        await run(`UPDATE workflow_executions SET status = 'InProgress', started_at = ?, deadline_at = ?, updated_at = ? WHERE uuid = ?`, [
          p.startedAt,
          p.deadlineAt,
          at,
          p.executionId,
        ]);
        await run('UPDATE workflows SET last_execution_at = ? WHERE uuid = ?', [p.startedAt, p.workflowId]);
        return;
      }
      case executionStageRequested.type: {
        const p = event.payload as P<typeof executionStageRequested>;
        await run(
          `UPDATE workflow_executions SET current_stage = ?, current_stage_order = ?, current_attempt = ?,
             retry_count = retry_count + CASE WHEN ? > 1 THEN 1 ELSE 0 END, updated_at = ? WHERE uuid = ?`,
          [p.stageName, p.stageOrder, p.attempt, p.attempt, at, p.executionId],
        );
        await run(
          `UPDATE execution_stages SET status = 'InProgress', attempt = ?, retry_count = ? - 1, deadline_at = ?,
             started_at = COALESCE(started_at, ?::timestamptz), error_message = NULL, updated_at = ?
           WHERE execution_id = (SELECT id FROM workflow_executions WHERE uuid = ?) AND stage_order = ?`,
          [p.attempt, p.attempt, p.deadlineAt, at, at, p.executionId, p.stageOrder],
        );
        return;
      }
      case executionStageProgressed.type: {
        const p = event.payload as P<typeof executionStageProgressed>;
        const stageProgress = p.itemsTotal > 0 ? Math.min(100, Math.round((p.itemsProcessed / p.itemsTotal) * 10_000) / 100) : 0;
        await run(
          `UPDATE execution_stages SET items_to_process = ?, items_processed = ?, progress_percentage = ?, updated_at = ?
           WHERE execution_id = (SELECT id FROM workflow_executions WHERE uuid = ?) AND stage_order = ?`,
          [p.itemsTotal, p.itemsProcessed, stageProgress, at, p.executionId, p.stageOrder],
        );
        await run('UPDATE workflow_executions SET progress_percentage = ?, updated_at = ? WHERE uuid = ?', [
          p.progressPercentage,
          at,
          p.executionId,
        ]);
        return;
      }
      case executionStageCompleted.type: {
        const p = event.payload as P<typeof executionStageCompleted>;
        const seconds = p.durationMs / 1000;
        await run(
          `UPDATE execution_stages SET status = 'Success', completed_at = ?, duration_seconds = ?, items_to_process = ?, items_processed = ?,
             items_successful = ?, items_failed = ?, progress_percentage = 100, throughput_per_second = ?, stage_output = ?,
             stage_metadata = ?, updated_at = ?
           WHERE execution_id = (SELECT id FROM workflow_executions WHERE uuid = ?) AND stage_order = ?`,
          [
            p.completedAt,
            Math.round(seconds),
            p.itemsTotal,
            p.itemsProcessed,
            p.itemsSuccessful,
            p.itemsFailed,
            seconds > 0 ? Math.round((p.itemsProcessed / seconds) * 100) / 100 : null,
            JSON.stringify(p.output),
            JSON.stringify({ historyId: p.historyId, bytesProcessed: p.bytesProcessed, attempt: p.attempt }),
            at,
            p.executionId,
            p.stageOrder,
          ],
        );
        await run(
          `UPDATE workflow_executions SET stages_completed = ?, progress_percentage = ?, content_processed = GREATEST(content_processed, ?),
             bytes_processed = bytes_processed + ?, updated_at = ? WHERE uuid = ?`,
          [p.stagesCompleted, p.progressPercentage, p.contentCount, p.bytesProcessed, at, p.executionId],
        );
        return;
      }
      case executionStageFailed.type: {
        const p = event.payload as P<typeof executionStageFailed>;
        await run(
          `UPDATE execution_stages SET status = 'Failed', error_message = ?, error_details = ?, updated_at = ?
           WHERE execution_id = (SELECT id FROM workflow_executions WHERE uuid = ?) AND stage_order = ?`,
          [
            p.errorMessage,
            JSON.stringify({ code: p.errorCode, retriable: p.retriable, retryAt: p.retryAt, attempt: p.attempt, ...p.details }),
            at,
            p.executionId,
            p.stageOrder,
          ],
        );
        return;
      }
      case executionsArchived.type: {
        const p = event.payload as P<typeof executionsArchived>;
        if (p.executionIds.length === 0) return;
        await run(`UPDATE workflow_executions SET archived_at = ? WHERE uuid IN (${p.executionIds.map(() => '?').join(', ')})`, [
          p.archivedAt,
          ...p.executionIds,
        ]);
        return;
      }
      case executionFinished.type: {
        const p = event.payload as P<typeof executionFinished>;
        await run(
          `UPDATE workflow_executions SET status = ?, completed_at = ?, duration_minutes = ?, error_code = ?, error_message = ?,
             progress_percentage = CASE WHEN ? = 'Success' THEN 100 ELSE progress_percentage END, updated_at = ? WHERE uuid = ?`,
          [p.status, p.completedAt, p.durationMinutes, p.errorCode, p.errorMessage, p.status, at, p.executionId],
        );
        // A run that ends early leaves its current stage failed (cancelled, ended at the cancel
        // time, when the run was cancelled) and the rest skipped.
        const cancelled = p.status === 'Cancelled';
        await run(
          `UPDATE execution_stages SET status = CASE WHEN status = 'InProgress' THEN ? WHEN status = 'Created' THEN 'Skipped' ELSE status END,
             error_message = CASE WHEN status = 'InProgress' THEN ? ELSE error_message END,
             completed_at = CASE WHEN status = 'InProgress' THEN COALESCE(?::timestamptz, completed_at) ELSE completed_at END, updated_at = ?
           WHERE execution_id = (SELECT id FROM workflow_executions WHERE uuid = ?) AND status IN ('InProgress', 'Created')`,
          [cancelled ? 'Cancelled' : 'Failed', p.errorMessage ?? p.status, cancelled ? p.completedAt : null, at, p.executionId],
        );
        await run(
          `UPDATE workflows w SET
             successful_executions = successful_executions + CASE WHEN ? = 'Success' THEN 1 ELSE 0 END,
             failed_executions = failed_executions + CASE WHEN ? = 'Failed' THEN 1 ELSE 0 END,
             average_duration_minutes = (SELECT ROUND(AVG(duration_minutes), 2) FROM workflow_executions we WHERE we.workflow_id = w.id AND duration_minutes IS NOT NULL)
           WHERE uuid = ?`,
          [p.status, p.status, p.workflowId],
        );
        return;
      }
    }
  },
};

// A rerun's stage not executed again: Skipped, with the old run's counters and output, and the
// run holding its output in stage_metadata.carriedOverFrom; the run counts it as completed.
async function projectCarriedOver(
  run: (sql: string, params: unknown[]) => Promise<unknown>,
  executionNumber: number,
  order: number,
  c: CarriedOverStage,
): Promise<void> {
  await run(
    `UPDATE execution_stages SET status = 'Skipped', completed_at = ?, duration_seconds = ?, items_to_process = ?, items_processed = ?,
       items_successful = ?, items_failed = ?, progress_percentage = 100, stage_output = ?, stage_metadata = ?
     WHERE execution_id = ? AND stage_order = ?`,
    [
      c.completedAt,
      c.durationSeconds,
      c.itemsTotal,
      c.itemsProcessed,
      c.itemsSuccessful,
      c.itemsFailed,
      c.output === null ? null : JSON.stringify(c.output),
      JSON.stringify({ carriedOverFrom: c.sourceExecutionId, historyId: c.historyId, bytesProcessed: c.bytesProcessed }),
      executionNumber,
      order,
    ],
  );
  await run(
    `UPDATE workflow_executions SET stages_completed = stages_completed + 1, content_processed = GREATEST(content_processed, ?),
       bytes_processed = bytes_processed + ?, progress_percentage = ROUND((stages_completed + 1) * 100.0 / total_stages, 2) WHERE id = ?`,
    [c.contentCount, c.bytesProcessed, executionNumber],
  );
}
