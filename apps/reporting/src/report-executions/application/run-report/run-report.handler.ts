import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { streamIds } from '@mindhill/contracts';
import { enqueueJob, EventContext, EventStore, EventTransaction } from '@mindhill/persistence';
import { findReport } from '../../../reports/infrastructure/report.read-model';
import { assertMayRun, reportExecutionDecider, RunRequest, RunTrigger } from '../../domain/report-execution.decider';
import { getExecution, ReportExecutionView } from '../../infrastructure/report-execution.read-model';
import { RENDER_REPORT_JOB, RenderReportJob } from '../render-report/render-report.job';
import { RunReportRequest } from './run-report.schema';

// Records the run (status Created) and enqueues its rendering in one transaction; the client
// polls the execution until Success or Failed.
@Injectable()
export class RunReportHandler {
  constructor(
    private readonly events: EventStore,
    private readonly renderReport: RenderReportJob,
  ) {}

  async execute(reportId: string, body: RunReportRequest, context: EventContext): Promise<ReportExecutionView> {
    const view = await this.events.transact((tx) => this.requestRunIn(tx, reportId, body, context, 'manual'));
    this.renderReport.kick();
    return view;
  }

  // Inside the caller's transaction (a schedule's tick commits its runs with its next tick).
  async requestRunIn(
    tx: EventTransaction,
    reportId: string,
    body: RunReportRequest,
    context: EventContext,
    triggeredBy: RunTrigger,
  ): Promise<ReportExecutionView> {
    const request: RunRequest = { ...body, reportId, report: await findReport(tx.em, reportId), by: context.actor };
    // Refused before an execution number is drawn: a sequence value is never given back.
    assertMayRun(request);
    const [{ id }] = await tx.em.execute<{ id: string }[]>(`SELECT nextval('report_executions_id_seq') AS id`);
    const reportExecutionId = randomUUID();
    const events = reportExecutionDecider.decide(null, {
      ...request,
      kind: 'request-run',
      triggeredBy,
      reportExecutionId,
      reportExecutionNumber: Number(id),
      now: new Date().toISOString(),
    });
    await tx.append(streamIds.reportExecution(reportExecutionId), 0, events, context);
    await enqueueJob(tx.em, {
      key: `${RENDER_REPORT_JOB}:${reportExecutionId}`,
      kind: RENDER_REPORT_JOB,
      payload: { reportExecutionId },
    });
    return getExecution(tx.em, reportExecutionId);
  }
}
