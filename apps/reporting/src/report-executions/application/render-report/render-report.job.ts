import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Actor, reportExecutionCompleted, reportExecutionFailed } from '@mindhill/contracts';
import { completeJob, EventContext, EventStore, Job, newEvent, workflowAccessVisibleTo, activeAdminSql } from '@mindhill/persistence';
import { DomainError, getLogger, Who } from '@mindhill/platform';
import {
  outputColumns,
  reportConfigSchema,
  reportFiltersSchema,
  reportGroupingSchema,
  reportSortingSchema,
} from '../../../reports/domain/report-model';
import { CellValue, ReportRow, shapeRows } from '../../../reports/domain/report-rows';
import { renderReport } from '../../domain/report-renderer';
import { buildSourceQuery } from '../../infrastructure/report-source.query';

export const RENDER_REPORT_JOB = 'render-report';
export const REPORT_OUTPUT = Symbol('REPORT_OUTPUT');
export type ReportOutputSettings = { outputDir: string; maxRows: number };

// Transient failures (database, disk) are retried by the job queue this many times in all.
const MAX_ATTEMPTS = 3;

type Rendered = {
  outputFilePath: string;
  outputFileSizeBytes: number;
  recordsProcessed: number;
  dataPointsIncluded: number;
  queryTimeSeconds: number;
  renderTimeSeconds: number;
};

// Renders one report execution: reads the read models, shapes the rows, writes the file (temp
// name, then rename), and records the outcome with the job's completion in one transaction.
// A re-run after a crash writes the same file name and finds the stream already finished.
@Injectable()
export class RenderReportJob {
  private readonly logger = getLogger('render-report');

  constructor(
    private readonly events: EventStore,
    @Inject(REPORT_OUTPUT) private readonly settings: ReportOutputSettings,
  ) {}

  async run(job: Job, lease: { extend(): Promise<void> }): Promise<void> {
    const executionId = String(job.payload.reportExecutionId);
    const rows = await this.events.readModel().execute<Record<string, unknown>[]>(
      `SELECT x.*, r.uuid AS report_uuid, r.report_name, r.report_type, r.created_by AS report_owner,
              ${activeAdminSql('r.created_by')} AS report_owner_is_admin
         FROM report_executions x JOIN flux_reports r ON r.id = x.report_id WHERE x.uuid = ?`,
      [executionId],
    );
    const execution = rows[0];
    const startedAt = new Date();
    let outcome: Rendered | { errorCode: string; errorMessage: string } = {
      errorCode: 'REPORTING.RENDER_FAILED',
      errorMessage: 'not rendered',
    };
    if (execution && execution.status === 'Created') {
      try {
        outcome = await this.render(execution, lease);
      } catch (error) {
        if (!(error instanceof DomainError) && job.attempts < MAX_ATTEMPTS) throw error;
        this.logger.warn({ err: error, reportExecutionId: executionId }, 'Report rendering failed');
        outcome = {
          errorCode: error instanceof DomainError ? error.code : 'REPORTING.RENDER_FAILED',
          errorMessage: String((error as Error).message ?? error).slice(0, 2000),
        };
      }
    }
    await this.events.transact(async (tx) => {
      const streamId = `report-execution-${executionId}`;
      const version = await tx.streamVersion(streamId);
      // Gone, or already finished by an earlier attempt: nothing more to record.
      if (!execution || version !== 1) return completeJob(tx.em, job.id);
      const completedAt = new Date();
      const reportNumber = Number(execution.report_id);
      const stats = await reportStats(tx.em, reportNumber);
      const common = {
        reportExecutionId: executionId,
        reportExecutionNumber: Number(execution.id),
        reportId: String(execution.report_uuid),
        reportNumber,
        reportName: String(execution.report_name),
        startedAt: startedAt.toISOString(),
        completedAt: completedAt.toISOString(),
      };
      const context = await requestContext(tx.em, streamId);
      if ('errorCode' in outcome) {
        await tx.append(
          streamId,
          version,
          [
            newEvent(reportExecutionFailed, {
              ...common,
              ...outcome,
              reportRunCount: stats.runCount + 1,
              reportAverageGenerationTimeSeconds: stats.average,
            }),
          ],
          context,
        );
      } else {
        const generationTimeSeconds = round3((completedAt.getTime() - startedAt.getTime()) / 1000);
        const average = round3(((stats.average ?? 0) * stats.successes + generationTimeSeconds) / (stats.successes + 1));
        await tx.append(
          streamId,
          version,
          [
            newEvent(reportExecutionCompleted, {
              ...common,
              ...outcome,
              outputFormat: execution.output_format as 'json' | 'csv',
              generationTimeSeconds,
              reportRunCount: stats.runCount + 1,
              reportAverageGenerationTimeSeconds: average,
            }),
          ],
          context,
        );
      }
      await completeJob(tx.em, job.id);
    });
  }

  private async render(execution: Record<string, unknown>, lease: { extend(): Promise<void> }): Promise<Rendered> {
    const snapshot = execution.report_config as Record<string, unknown>;
    const config = reportConfigSchema.parse(snapshot.reportConfig);
    const grouping = snapshot.grouping ? reportGroupingSchema.parse(snapshot.grouping) : null;
    const sorting = snapshot.sorting ? reportSortingSchema.parse(snapshot.sorting) : null;
    const filters = reportFiltersSchema.parse(execution.filters_applied ?? {});
    const dataSources = Array.isArray(snapshot.dataSources) ? (snapshot.dataSources as string[]) : null;
    const format = execution.output_format as 'json' | 'csv';

    const queryStart = performance.now();
    // Whoever runs or downloads it, a report shows what its owner may see, no more: with the
    // owner's role now (user_roles), not the role they had when they created the report.
    const owner: Who = {
      role: execution.report_owner_is_admin ? 'admin' : 'user',
      userNumber: execution.report_owner === null ? null : Number(execution.report_owner),
    };
    const query = buildSourceQuery(config.source, filters, dataSources, this.settings.maxRows + 1, workflowAccessVisibleTo(owner));
    const raw = await this.events.readModel().execute<Record<string, unknown>[]>(query.sql, query.params);
    if (raw.length > this.settings.maxRows) {
      throw new DomainError(
        'REPORTING.TOO_MANY_ROWS',
        `The report reads more than ${this.settings.maxRows} rows; narrow its filters`,
        'invalid',
      );
    }
    const queryTimeSeconds = round3((performance.now() - queryStart) / 1000);
    await lease.extend();

    const renderStart = performance.now();
    const columns = outputColumns(config, grouping);
    const rows = shapeRows(raw.map(toReportRow), config, grouping, sorting);
    const executionId = String(execution.uuid);
    const reportUuid = String(execution.report_uuid);
    const content = renderReport(
      format,
      {
        id: reportUuid,
        number: Number(execution.report_id),
        name: String(execution.report_name),
        type: String(execution.report_type),
        source: config.source,
        executionId,
      },
      columns,
      rows,
      new Date().toISOString(),
    );
    const outputFilePath = `${reportUuid}/${executionId}.${format}`;
    await writeAtomically(path.join(this.settings.outputDir, outputFilePath), content);
    const renderTimeSeconds = round3((performance.now() - renderStart) / 1000);
    return {
      outputFilePath,
      outputFileSizeBytes: Buffer.byteLength(content),
      recordsProcessed: raw.length,
      dataPointsIncluded: rows.length * columns.length,
      queryTimeSeconds,
      renderTimeSeconds,
    };
  }
}

async function writeAtomically(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, content, 'utf8');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

// Locks the report row so two runs finishing together count one after the other.
async function reportStats(
  em: EntityManager,
  reportNumber: number,
): Promise<{ runCount: number; successes: number; average: number | null }> {
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

// The outcome is attributed to whoever asked for the run, under the request's correlation id.
async function requestContext(em: EntityManager, streamId: string): Promise<EventContext> {
  const [row] = await em.execute<{ event_id: string; metadata: { correlationId: string; actor: Actor } }[]>(
    'SELECT event_id, metadata FROM stored_event WHERE stream_id = ? AND version = 1',
    [streamId],
  );
  return { correlationId: row!.metadata.correlationId, causationId: row!.event_id, actor: row!.metadata.actor };
}

function toReportRow(raw: Record<string, unknown>): ReportRow {
  const row: ReportRow = {};
  for (const [key, value] of Object.entries(raw)) row[key] = toCell(value);
  return row;
}

function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
