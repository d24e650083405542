import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { streamIds } from '@mindhill/contracts';
import { completeJob, EventStore, Job, JobWorker, workflowAccessVisibleTo } from '@mindhill/persistence';
import { DomainError, getLogger, Who } from '@mindhill/platform';
import { reportConfigSchema, reportFiltersSchema, reportGroupingSchema, reportSortingSchema } from '../../../reports/domain/report-model';
import { reportColumns, ReportRow } from '../../../reports/domain/report-rows';
import { RenderedOutput, renderingDue, reportExecutionDecider, round3 } from '../../domain/report-execution.decider';
import {
  findExecutionState,
  findRenderInput,
  RenderInput,
  reportRunStats,
  requestContext,
} from '../../infrastructure/report-execution.read-model';
import { writeReport } from '../../infrastructure/report-file.writer';
import { REPORT_OUTPUT, ReportOutputSettings, writeReportFile } from '../../infrastructure/report-output.store';
import { buildSourceQuery, SourceProgress, streamReportSource } from '../../infrastructure/report-source.read-model';

export const RENDER_REPORT_JOB = 'render-report';
// Transient failures (database, disk) are retried by the job queue this many times in all.
const MAX_ATTEMPTS = 3;
type Lease = { extend(): Promise<void> };
type Failure = { errorCode: string; errorMessage: string };

// Renders report executions in the background (two at a time), leased so a crashed render is
// picked up again, and stopped before the database pool closes. One job: read the read models,
// shape the rows, write the file, and record the outcome with the job's completion in one
// transaction. A re-run after a crash writes the same file name and finds the run already finished.
@Injectable()
export class RenderReportJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = getLogger('render-report');
  private readonly worker: JobWorker;

  constructor(
    orm: MikroORM,
    private readonly events: EventStore,
    @Inject(REPORT_OUTPUT) private readonly settings: ReportOutputSettings,
  ) {
    this.worker = new JobWorker(orm, {
      kinds: [RENDER_REPORT_JOB],
      handle: (job, lease) => this.run(job, lease),
      concurrency: 2,
      leaseMs: 5 * 60_000,
    });
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  // A run was just requested: look for work now rather than at the next poll.
  kick(): void {
    this.worker.kick();
  }

  async run(job: Job, lease: Lease): Promise<void> {
    const executionId = String(job.payload.reportExecutionId);
    const input = await findRenderInput(this.events.readModel(), executionId);
    // Gone, or already finished by an earlier attempt: nothing more to record.
    if (!input || !renderingDue(input.execution)) {
      await this.events.transact((tx) => completeJob(tx.em, job.id));
      return;
    }
    const startedAt = new Date().toISOString();
    let outcome: RenderedOutput | Failure;
    try {
      outcome = await this.render(input, lease);
    } catch (error) {
      if (!(error instanceof DomainError) && job.attempts < MAX_ATTEMPTS) throw error;
      this.logger.warn({ err: error, reportExecutionId: executionId }, 'Report rendering failed');
      outcome = {
        errorCode: error instanceof DomainError ? error.code : 'REPORTING.RENDER_FAILED',
        errorMessage: String((error as Error).message ?? error).slice(0, 2000),
      };
    }
    await this.events.transact(async (tx) => {
      const streamId = streamIds.reportExecution(executionId);
      const state = await findExecutionState(tx.em, executionId);
      if (!renderingDue(state)) return completeJob(tx.em, job.id);
      const timing = { startedAt, completedAt: new Date().toISOString(), stats: await reportRunStats(tx.em, state.reportNumber) };
      const events = reportExecutionDecider.decide(
        state,
        'errorCode' in outcome
          ? { kind: 'fail-rendering', ...timing, ...outcome }
          : { kind: 'complete-rendering', ...timing, output: outcome },
      );
      await tx.appendAtCurrent(streamId, events, await requestContext(tx.em, streamId));
      await completeJob(tx.em, job.id);
    });
  }

  // Streams the rows from PostgreSQL (a cursor, shaped by the SQL) into the file as they come:
  // nothing holds the whole report. Query time is the time spent waiting for rows, render time
  // the rest.
  private async render({ execution, snapshot, ...input }: RenderInput, lease: Lease): Promise<RenderedOutput> {
    const config = reportConfigSchema.parse(snapshot.reportConfig);
    const grouping = snapshot.grouping ? reportGroupingSchema.parse(snapshot.grouping) : null;
    const sorting = snapshot.sorting ? reportSortingSchema.parse(snapshot.sorting) : null;
    const filters = reportFiltersSchema.parse(input.filtersApplied ?? {});
    const dataSources = Array.isArray(snapshot.dataSources) ? snapshot.dataSources.map(String) : null;
    const columns = reportColumns(config, grouping);
    // Whoever runs or downloads it, a report shows what its owner may see, no more: with the
    // owner's role now (user_roles), not the role they had when they created the report.
    const owner: Who = { role: input.ownerIsAdmin ? 'admin' : 'user', userNumber: input.ownerNumber };
    const query = buildSourceQuery({
      source: config.source,
      filters,
      dataSources,
      columns,
      grouping,
      sorting,
      limit: this.settings.maxRows + 1,
      visible: workflowAccessVisibleTo(owner),
    });
    const heading = {
      meta: {
        id: execution.reportId,
        number: execution.reportNumber,
        name: execution.reportName,
        type: input.reportType,
        source: config.source,
        executionId: execution.reportExecutionId,
      },
      generatedAt: new Date().toISOString(),
      period: { from: filters.from, to: filters.to },
    };

    const started = performance.now();
    let waitingMs = 0;
    let extendedAt = started;
    const progress: SourceProgress = { sourceRows: 0 };
    const source = streamReportSource(this.events.readModel(), query, this.settings.maxRows, progress);
    const timed: AsyncIterable<ReportRow> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          const asked = performance.now();
          const next = await source.next();
          waitingMs += performance.now() - asked;
          // A long report keeps its lease (five minutes): extended once a minute while rows come.
          if (!next.done && performance.now() - extendedAt > 60_000) {
            extendedAt = performance.now();
            await lease.extend();
          }
          return next;
        },
        return: async () => source.return(undefined),
      }),
    };
    const outputFilePath = `${execution.reportId}/${execution.reportExecutionId}.${execution.outputFormat}`;
    const { size, result: totals } = await writeReportFile(this.settings, outputFilePath, (out) =>
      writeReport(execution.outputFormat, out, heading, columns, timed),
    );
    const totalMs = performance.now() - started;
    return {
      outputFilePath,
      outputFileSizeBytes: size,
      recordsProcessed: progress.sourceRows,
      dataPointsIncluded: totals.rows * columns.length,
      queryTimeSeconds: round3(waitingMs / 1000),
      renderTimeSeconds: round3(Math.max(0, totalMs - waitingMs) / 1000),
    };
  }
}
