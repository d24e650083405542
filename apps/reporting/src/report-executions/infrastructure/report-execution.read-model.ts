import { EntityManager } from '@mikro-orm/postgresql';
import { Actor } from '@mindhill/contracts';
import { activeAdminSql, EventContext } from '@mindhill/persistence';
import { canSee, Who } from '@mindhill/platform';
import { iso } from '../../reports/infrastructure/report.read-model';
import {
  executionNotFound,
  RenderableFormat,
  ReportExecution,
  ReportExecutionStatus,
  ReportRunStats,
} from '../domain/report-execution.decider';

export type ReportExecutionView = {
  id: string;
  number: number;
  reportId: string;
  reportNumber: number;
  executionName: string | null;
  status: ReportExecutionStatus;
  triggeredBy: string;
  triggerUserId: number | null;
  startedAt: string | null;
  completedAt: string | null;
  generationTimeSeconds: number | null;
  reportConfig: Record<string, unknown> | null;
  filtersApplied: Record<string, unknown> | null;
  dateRange: Record<string, unknown> | null;
  outputFormat: RenderableFormat;
  outputFilePath: string | null;
  outputFileSizeBytes: number | null;
  // When report-file retention deleted the file: no download any more (410).
  outputFileExpiredAt: string | null;
  recordsProcessed: number;
  dataPointsIncluded: number;
  queryTimeSeconds: number | null;
  renderTimeSeconds: number | null;
  errorMessage: string | null;
  errorDetails: Record<string, unknown> | null;
  downloadUrl: string | null;
  createdAt: string;
  updatedAt: string;
};

export const SELECT_EXECUTION = `SELECT x.*, r.uuid AS report_uuid, r.report_name, (extract(epoch FROM x.created_at) * 1000000)::bigint AS cursor_us,
    r.created_by AS report_created_by, r.is_public AS report_is_public, r.shared_with_users AS report_shared_with_users
  FROM report_executions x JOIN flux_reports r ON r.id = x.report_id`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// With `who`: only if the caller may see its report (a run and its download follow the report).
async function findExecutionRow(em: EntityManager, uuid: string, who?: Who): Promise<Record<string, unknown> | null> {
  if (!UUID.test(uuid)) return null;
  const rows = await em.execute<Record<string, unknown>[]>(`${SELECT_EXECUTION} WHERE x.uuid = ?`, [uuid]);
  const row = rows[0];
  if (!row) return null;
  const report = {
    ownerNumber: row.report_created_by === null ? null : Number(row.report_created_by),
    isPublic: Boolean(row.report_is_public),
    sharedWithUsers: ((row.report_shared_with_users as number[] | null) ?? []).map(Number),
  };
  return who && !canSee(who, report) ? null : row;
}

export async function getExecution(em: EntityManager, uuid: string, who?: Who): Promise<ReportExecutionView> {
  const row = await findExecutionRow(em, uuid, who);
  if (!row) throw executionNotFound();
  return toExecutionView(row);
}

// The run as its decider sees it; null when there is none (for the caller).
export async function findExecutionState(em: EntityManager, uuid: string, who?: Who): Promise<ReportExecution | null> {
  const row = await findExecutionRow(em, uuid, who);
  return row ? toExecutionState(row) : null;
}

export function toExecutionState(row: Record<string, unknown>): ReportExecution {
  return {
    reportExecutionId: String(row.uuid),
    reportExecutionNumber: Number(row.id),
    reportId: String(row.report_uuid),
    reportNumber: Number(row.report_id),
    reportName: String(row.report_name),
    status: row.status as ReportExecutionStatus,
    outputFormat: row.output_format as RenderableFormat,
    outputFilePath: (row.output_file_path as string | null) ?? null,
    fileExpiredAt: row.output_file_expired_at ? new Date(row.output_file_expired_at as string).toISOString() : null,
  };
}

// Locks the report row so two runs finishing together count one after the other.
export async function reportRunStats(em: EntityManager, reportNumber: number): Promise<ReportRunStats> {
  const [report] = await em.execute<{ run_count: number; average_generation_time_seconds: string | null }[]>(
    'SELECT run_count, average_generation_time_seconds FROM flux_reports WHERE id = ? FOR UPDATE',
    [reportNumber],
  );
  const [{ n }] = await em.execute<{ n: string }[]>(
    `SELECT count(*) AS n FROM report_executions WHERE report_id = ? AND status = 'Success'`,
    [reportNumber],
  );
  return {
    runCount: Number(report?.run_count ?? 0),
    successes: Number(n),
    average:
      report?.average_generation_time_seconds === null || report?.average_generation_time_seconds === undefined
        ? null
        : Number(report.average_generation_time_seconds),
  };
}

// A run's outcome is attributed to whoever asked for it, under the request's correlation id.
export async function requestContext(em: EntityManager, streamId: string): Promise<EventContext> {
  const [row] = await em.execute<{ event_id: string; metadata: { correlationId: string; actor: Actor } }[]>(
    'SELECT event_id, metadata FROM stored_event WHERE stream_id = ? AND version = 1',
    [streamId],
  );
  return { correlationId: row!.metadata.correlationId, causationId: row!.event_id, actor: row!.metadata.actor };
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function toExecutionView(row: Record<string, unknown>): ReportExecutionView {
  const id = String(row.uuid);
  const status = row.status as ReportExecutionStatus;
  return {
    id,
    number: Number(row.id),
    reportId: String(row.report_uuid),
    reportNumber: Number(row.report_id),
    executionName: (row.execution_name as string | null) ?? null,
    status,
    triggeredBy: row.triggered_by as string,
    triggerUserId: num(row.trigger_user_id),
    startedAt: iso(row.started_at),
    completedAt: iso(row.completed_at),
    generationTimeSeconds: num(row.generation_time_seconds),
    reportConfig: (row.report_config as Record<string, unknown> | null) ?? null,
    filtersApplied: (row.filters_applied as Record<string, unknown> | null) ?? null,
    dateRange: (row.date_range as Record<string, unknown> | null) ?? null,
    outputFormat: row.output_format as RenderableFormat,
    outputFilePath: (row.output_file_path as string | null) ?? null,
    outputFileSizeBytes: num(row.output_file_size_bytes),
    outputFileExpiredAt: iso(row.output_file_expired_at),
    recordsProcessed: Number(row.records_processed),
    dataPointsIncluded: Number(row.data_points_included),
    queryTimeSeconds: num(row.query_time_seconds),
    renderTimeSeconds: num(row.render_time_seconds),
    errorMessage: (row.error_message as string | null) ?? null,
    errorDetails: (row.error_details as Record<string, unknown> | null) ?? null,
    downloadUrl: status === 'Success' && !row.output_file_expired_at ? `/api/v1/report-executions/${id}/download` : null,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

// What rendering a run needs: the run, the definition snapshot it renders, and its report's
// owner with the role they have now (user_roles).
export type RenderInput = {
  execution: ReportExecution;
  reportType: string;
  snapshot: Record<string, unknown>;
  filtersApplied: unknown;
  ownerNumber: number | null;
  ownerIsAdmin: boolean;
};

export async function findRenderInput(em: EntityManager, uuid: string): Promise<RenderInput | null> {
  const [row] = await em.execute<Record<string, unknown>[]>(
    `SELECT x.*, r.uuid AS report_uuid, r.report_name, r.report_type, r.created_by AS report_owner,
            ${activeAdminSql('r.created_by')} AS report_owner_is_admin
       FROM report_executions x JOIN flux_reports r ON r.id = x.report_id WHERE x.uuid = ?`,
    [uuid],
  );
  if (!row) return null;
  return {
    execution: toExecutionState(row),
    reportType: String(row.report_type),
    snapshot: row.report_config as Record<string, unknown>,
    filtersApplied: row.filters_applied,
    ownerNumber: row.report_owner === null ? null : Number(row.report_owner),
    ownerIsAdmin: Boolean(row.report_owner_is_admin),
  };
}
