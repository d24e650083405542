import { EntityManager } from '@mikro-orm/postgresql';
import { canSee, DomainError, Who } from '@mindhill/platform';
import { iso } from '../../reports/infrastructure/report.record';

export type ReportExecutionView = {
  id: string;
  number: number;
  reportId: string;
  reportNumber: number;
  executionName: string | null;
  status: 'Created' | 'InProgress' | 'Success' | 'Failed' | 'Cancelled';
  triggeredBy: string;
  triggerUserId: number | null;
  startedAt: string | null;
  completedAt: string | null;
  generationTimeSeconds: number | null;
  reportConfig: Record<string, unknown> | null;
  filtersApplied: Record<string, unknown> | null;
  dateRange: Record<string, unknown> | null;
  outputFormat: 'json' | 'csv';
  outputFilePath: string | null;
  outputFileSizeBytes: number | null;
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

export const SELECT_EXECUTION = `SELECT x.*, r.uuid AS report_uuid, (extract(epoch FROM x.created_at) * 1000000)::bigint AS cursor_us,
    r.created_by AS report_created_by, r.is_public AS report_is_public, r.shared_with_users AS report_shared_with_users
  FROM report_executions x JOIN flux_reports r ON r.id = x.report_id`;

export const executionNotFound = () => new DomainError('REPORTING.EXECUTION_NOT_FOUND', 'No report execution with this id', 'not-found');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// With `who`: only if the caller may see its report (a run and its download follow the report).
export async function getExecution(em: EntityManager, uuid: string, who?: Who): Promise<ReportExecutionView> {
  if (!UUID.test(uuid)) throw executionNotFound();
  const rows = await em.execute<Record<string, unknown>[]>(`${SELECT_EXECUTION} WHERE x.uuid = ?`, [uuid]);
  const row = rows[0];
  if (!row) throw executionNotFound();
  if (
    who &&
    !canSee(who, {
      ownerNumber: row.report_created_by === null ? null : Number(row.report_created_by),
      isPublic: Boolean(row.report_is_public),
      sharedWithUsers: ((row.report_shared_with_users as number[] | null) ?? []).map(Number),
    })
  )
    throw executionNotFound();
  return toExecutionView(row);
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function toExecutionView(row: Record<string, unknown>): ReportExecutionView {
  const id = String(row.uuid);
  const status = row.status as ReportExecutionView['status'];
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
    outputFormat: row.output_format as 'json' | 'csv',
    outputFilePath: (row.output_file_path as string | null) ?? null,
    outputFileSizeBytes: num(row.output_file_size_bytes),
    recordsProcessed: Number(row.records_processed),
    dataPointsIncluded: Number(row.data_points_included),
    queryTimeSeconds: num(row.query_time_seconds),
    renderTimeSeconds: num(row.render_time_seconds),
    errorMessage: (row.error_message as string | null) ?? null,
    errorDetails: (row.error_details as Record<string, unknown> | null) ?? null,
    downloadUrl: status === 'Success' ? `/api/v1/report-executions/${id}/download` : null,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}
