import { EntityManager } from '@mikro-orm/postgresql';
import { pgTextArray } from '@mindhill/persistence';
import { visibleTo, Who } from '@mindhill/platform';
import { ReportDefinitionValues } from '../domain/report-definition.schema';
import { Report, reportNotFound, ReportStatus } from '../domain/report.decider';
import { ReportConfig, ReportFilters, ReportGrouping, ReportSorting } from '../domain/report-model';

// A flux_reports row: the report its rules see, and its run statistics and times.
export type ReportRecord = Report & {
  runCount: number;
  lastRunAt: string | null;
  lastRunStatus: string | null;
  averageGenerationTimeSeconds: number | null;
  // When the schedule fires next (its pending tick); null when the report is not scheduled.
  nextRunAt: string | null;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
};

// flux_reports column for each definition field, and how its value is bound.
export const DEFINITION_COLUMNS: Record<
  keyof ReportDefinitionValues | 'status',
  { column: string; bind: 'plain' | 'json' | 'text[]' | 'int[]' }
> = {
  reportName: { column: 'report_name', bind: 'plain' },
  reportDescription: { column: 'report_description', bind: 'plain' },
  reportType: { column: 'report_type', bind: 'plain' },
  category: { column: 'category', bind: 'plain' },
  reportConfig: { column: 'report_config', bind: 'json' },
  dataSources: { column: 'data_sources', bind: 'json' },
  filters: { column: 'filters', bind: 'json' },
  grouping: { column: 'grouping', bind: 'json' },
  sorting: { column: 'sorting', bind: 'json' },
  outputFormats: { column: 'output_formats', bind: 'text[]' },
  emailRecipients: { column: 'email_recipients', bind: 'text[]' },
  webhookUrl: { column: 'webhook_url', bind: 'plain' },
  isScheduled: { column: 'is_scheduled', bind: 'plain' },
  scheduleCron: { column: 'schedule_cron', bind: 'plain' },
  scheduleTimezone: { column: 'schedule_timezone', bind: 'plain' },
  isPublic: { column: 'is_public', bind: 'plain' },
  sharedWithUsers: { column: 'shared_with_users', bind: 'int[]' },
  status: { column: 'status', bind: 'plain' },
};

export function bindColumn(field: keyof typeof DEFINITION_COLUMNS, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (DEFINITION_COLUMNS[field].bind) {
    case 'json':
      return JSON.stringify(value);
    case 'text[]':
      return pgTextArray(value as string[]);
    case 'int[]':
      return `{${(value as number[]).join(',')}}`;
    default:
      return value;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findReport(em: EntityManager, uuid: string, options: { lock?: boolean } = {}): Promise<ReportRecord | null> {
  if (!UUID.test(uuid)) return null;
  const rows = await em.execute<Record<string, unknown>[]>(
    `SELECT * FROM flux_reports WHERE uuid = ?${options.lock ? ' FOR UPDATE' : ''}`,
    [uuid],
  );
  return rows[0] ? toReportRecord(rows[0]) : null;
}

// The reports (alias `r`, or none) the caller may see, as a WHERE predicate.
export const reportsVisibleTo = (who: Who, alias?: string) => {
  const c = (name: string) => (alias ? `${alias}.${name}` : name);
  return visibleTo(who, { owner: c('created_by'), isPublic: c('is_public'), sharedWith: c('shared_with_users') });
};

export async function getReport(em: EntityManager, uuid: string, options: { lock?: boolean } = {}): Promise<ReportRecord> {
  const report = await findReport(em, uuid, options);
  if (!report) throw reportNotFound();
  return report;
}

export function toReportRecord(row: Record<string, unknown>): ReportRecord {
  return {
    number: Number(row.id),
    uuid: String(row.uuid),
    reportName: row.report_name as string,
    reportDescription: (row.report_description as string | null) ?? null,
    reportType: row.report_type as ReportDefinitionValues['reportType'],
    category: (row.category as string | null) ?? null,
    reportConfig: row.report_config as ReportConfig,
    dataSources: (row.data_sources as string[] | null) ?? null,
    filters: (row.filters as ReportFilters | null) ?? null,
    grouping: (row.grouping as ReportGrouping | null) ?? null,
    sorting: (row.sorting as ReportSorting | null) ?? null,
    outputFormats: (row.output_formats as ReportDefinitionValues['outputFormats']) ?? [],
    emailRecipients: (row.email_recipients as string[] | null) ?? [],
    webhookUrl: (row.webhook_url as string | null) ?? null,
    isScheduled: Boolean(row.is_scheduled),
    scheduleCron: (row.schedule_cron as string | null) ?? null,
    scheduleTimezone: row.schedule_timezone as string,
    isPublic: Boolean(row.is_public),
    sharedWithUsers: ((row.shared_with_users as number[] | null) ?? []).map(Number),
    status: row.status as ReportStatus,
    createdBy: row.created_by === null ? null : Number(row.created_by),
    runCount: Number(row.run_count),
    lastRunAt: iso(row.last_run_at),
    lastRunStatus: (row.last_run_status as string | null) ?? null,
    averageGenerationTimeSeconds: row.average_generation_time_seconds === null ? null : Number(row.average_generation_time_seconds),
    nextRunAt: iso(row.next_run_at),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    archivedAt: iso(row.archived_at),
  };
}

export type ReportView = Omit<ReportRecord, 'uuid' | 'number'> & { id: string; number: number };

export function toReportView(r: ReportRecord): ReportView {
  const { uuid, number, ...rest } = r;
  return { id: uuid, number, ...rest };
}

export function iso(value: unknown): string | null {
  return value === null || value === undefined ? null : new Date(value as string | Date).toISOString();
}
