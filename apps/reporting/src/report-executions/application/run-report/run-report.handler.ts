import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { renderableFormatSchema, reportExecutionRequested } from '@mindhill/contracts';
import { enqueueJob, EventContext, EventStore, newEvent } from '@mindhill/persistence';
import { assertCanRun, DomainError } from '@mindhill/platform';
import { assertValidReportShape, ReportShape } from '../../../reports/domain/report-model';
import { getReport, reportAccess, visibleReport } from '../../../reports/infrastructure/report.record';
import { reportArchivedError } from '../../../reports/application/update-report/update-report.handler';
import { getExecution, ReportExecutionView } from '../../infrastructure/report-execution.record';
import { RenderReportWorker } from '../render-report/render-report.worker';
import { RENDER_REPORT_JOB } from '../render-report/render-report.job';
import { RunReportBody } from './run-report.dto';

// Records the run (status Created) and enqueues its rendering in one transaction; the client
// polls the execution until Success or Failed.
@Injectable()
export class RunReportHandler {
  constructor(
    private readonly events: EventStore,
    private readonly worker: RenderReportWorker,
  ) {}

  async execute(reportId: string, body: RunReportBody, context: EventContext): Promise<ReportExecutionView> {
    const format = renderableFormatSchema.safeParse(body.format);
    if (!format.success) {
      throw new DomainError(
        'REPORTING.FORMAT_NOT_SUPPORTED',
        `Format "${body.format}" cannot be rendered yet; use json or csv`,
        'invalid',
        { supported: renderableFormatSchema.options },
      );
    }
    const view = await this.events.transact(async (tx) => {
      // Public reports and reports shared with the caller may be run by them too (not by viewers).
      const report = visibleReport(await getReport(tx.em, reportId), context.actor);
      assertCanRun(context.actor, reportAccess(report), 'report');
      if (report.status === 'archived') throw reportArchivedError();
      const filtersApplied = { ...(report.filters ?? {}), ...(body.filters ?? {}) };
      const shape = {
        reportConfig: report.reportConfig,
        filters: filtersApplied,
        grouping: report.grouping,
        sorting: report.sorting,
      } as ReportShape;
      assertValidReportShape(shape);
      const [{ id }] = await tx.em.execute<{ id: string }[]>(`SELECT nextval('report_executions_id_seq') AS id`);
      const reportExecutionId = randomUUID();
      await tx.append(
        `report-execution-${reportExecutionId}`,
        0,
        [
          newEvent(reportExecutionRequested, {
            reportExecutionId,
            reportExecutionNumber: Number(id),
            reportId,
            reportNumber: report.number,
            reportName: report.reportName,
            executionName: body.executionName ?? null,
            outputFormat: format.data,
            triggeredBy: 'manual',
            triggerUserId: context.actor.userNumber,
            reportConfig: {
              reportConfig: report.reportConfig,
              grouping: report.grouping,
              sorting: report.sorting,
              dataSources: report.dataSources,
            },
            filtersApplied,
            requestedAt: new Date().toISOString(),
          }),
        ],
        context,
      );
      await enqueueJob(tx.em, {
        key: `${RENDER_REPORT_JOB}:${reportExecutionId}`,
        kind: RENDER_REPORT_JOB,
        payload: { reportExecutionId },
      });
      return getExecution(tx.em, reportExecutionId);
    });
    this.worker.kick();
    return view;
  }
}
