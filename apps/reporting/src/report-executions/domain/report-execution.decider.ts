import {
  newEvent,
  NewEvent,
  renderableFormatSchema,
  reportExecutionCompleted,
  reportExecutionFailed,
  reportExecutionRequested,
} from '@mindhill/contracts';
import { assertCanRun, Decider, DomainError, Who } from '@mindhill/domain';
import { Report, reportAccess, reportArchivedError, visibleReport } from '../../reports/domain/report.decider';
import { assertValidReportShape, ReportFilters } from '../../reports/domain/report-model';

export type ReportExecutionStatus = 'Created' | 'InProgress' | 'Success' | 'Failed' | 'Cancelled';
export type RenderableFormat = (typeof renderableFormatSchema.options)[number];

// A run of a report as its rules see it (the report_executions row and its report's name).
export type ReportExecution = {
  reportExecutionId: string;
  reportExecutionNumber: number;
  reportId: string;
  reportNumber: number;
  reportName: string;
  status: ReportExecutionStatus;
  outputFormat: RenderableFormat;
  outputFilePath: string | null;
  // When report-file retention deleted the file (the run stays).
  fileExpiredAt: string | null;
};
// null: no run with this id (yet).
export type ReportExecutionState = ReportExecution | null;

// What a client asks for when it runs a report (`reportId` as they named it), and the report as it is now.
export type RunRequest = {
  reportId: string;
  report: Report | null;
  format: string;
  filters?: ReportFilters;
  executionName?: string;
  by: Who;
};
// The report's run statistics before this outcome (read under a lock, so runs finishing together
// count one after the other).
export type ReportRunStats = { runCount: number; successes: number; average: number | null };
export type RenderedOutput = {
  outputFilePath: string;
  outputFileSizeBytes: number;
  recordsProcessed: number;
  dataPointsIncluded: number;
  queryTimeSeconds: number;
  renderTimeSeconds: number;
};
type Timing = { startedAt: string; completedAt: string; stats: ReportRunStats };

// Who started a run: a person through the API today; schedules come next.
export type RunTrigger = 'manual' | 'schedule' | 'api';

export type ReportExecutionCommand =
  | (RunRequest & { kind: 'request-run'; triggeredBy: RunTrigger; reportExecutionId: string; reportExecutionNumber: number; now: string })
  | (Timing & { kind: 'complete-rendering'; output: RenderedOutput })
  | (Timing & { kind: 'fail-rendering'; errorCode: string; errorMessage: string })
  // Reading the file: no event, only whether this state has one to give.
  | { kind: 'download' };

export const executionNotFound = () => new DomainError('REPORTING.EXECUTION_NOT_FOUND', 'No report execution with this id', 'not-found');
export const outputNotFound = (status: ReportExecutionStatus) =>
  new DomainError('REPORTING.OUTPUT_NOT_FOUND', 'This execution has no output file', 'not-found', { status });

// A run may be asked for when the format can be rendered (400), the report exists for the caller
// (404), the caller may run it (403: users on reports they may see, admins; viewers never), it is
// not archived (409) and its shape with the run's filter overrides fits its source (400).
export function assertMayRun(request: RunRequest): { report: Report; format: RenderableFormat; filtersApplied: ReportFilters } {
  const format = renderableFormatSchema.safeParse(request.format);
  if (!format.success) {
    throw new DomainError(
      'REPORTING.FORMAT_NOT_SUPPORTED',
      `Format "${request.format}" cannot be rendered; use ${renderableFormatSchema.options.join(', ')}`,
      'invalid',
      { supported: renderableFormatSchema.options },
    );
  }
  const report = visibleReport(request.report, request.by);
  assertCanRun(request.by, reportAccess(report), 'report');
  if (report.status === 'archived') throw reportArchivedError();
  const filtersApplied: ReportFilters = { ...(report.filters ?? {}), ...(request.filters ?? {}) };
  assertValidReportShape({
    reportConfig: report.reportConfig,
    filters: filtersApplied,
    grouping: report.grouping,
    sorting: report.sorting,
  });
  return { report, format: format.data, filtersApplied };
}

// A requested run waits for its rendering; once it has an outcome, nothing more is recorded.
export function renderingDue(state: ReportExecutionState): state is ReportExecution {
  return state?.status === 'Created';
}

// The life of one run: requested → completed | failed, and whether its file can be downloaded.
export const reportExecutionDecider: Decider<ReportExecutionState, ReportExecutionCommand> = {
  decide(state, command) {
    switch (command.kind) {
      case 'request-run':
        return requestRun(command);
      case 'complete-rendering':
        return renderingDue(state) ? complete(state, command) : [];
      case 'fail-rendering':
        return renderingDue(state) ? fail(state, command) : [];
      case 'download':
        return assertDownloadable(state);
    }
  },
};

function requestRun(command: Extract<ReportExecutionCommand, { kind: 'request-run' }>): NewEvent[] {
  const { report, format, filtersApplied } = assertMayRun(command);
  return [
    newEvent(reportExecutionRequested, {
      reportExecutionId: command.reportExecutionId,
      reportExecutionNumber: command.reportExecutionNumber,
      reportId: command.reportId,
      reportNumber: report.number,
      reportName: report.reportName,
      executionName: command.executionName ?? null,
      outputFormat: format,
      triggeredBy: command.triggeredBy,
      triggerUserId: command.by.userNumber,
      // The definition this run renders, whatever the report becomes later.
      reportConfig: {
        reportConfig: report.reportConfig,
        grouping: report.grouping,
        sorting: report.sorting,
        dataSources: report.dataSources,
      },
      filtersApplied,
      requestedAt: command.now,
    }),
  ];
}

function outcomeOf(state: ReportExecution, command: Timing) {
  return {
    reportExecutionId: state.reportExecutionId,
    reportExecutionNumber: state.reportExecutionNumber,
    reportId: state.reportId,
    reportNumber: state.reportNumber,
    reportName: state.reportName,
    startedAt: command.startedAt,
    completedAt: command.completedAt,
    reportRunCount: command.stats.runCount + 1,
  };
}

// The report's average generation time is over its successful runs, this one included.
function complete(state: ReportExecution, command: Extract<ReportExecutionCommand, { kind: 'complete-rendering' }>): NewEvent[] {
  const { stats } = command;
  const generationTimeSeconds = round3((Date.parse(command.completedAt) - Date.parse(command.startedAt)) / 1000);
  const average = round3(((stats.average ?? 0) * stats.successes + generationTimeSeconds) / (stats.successes + 1));
  return [
    newEvent(reportExecutionCompleted, {
      ...outcomeOf(state, command),
      ...command.output,
      outputFormat: state.outputFormat,
      generationTimeSeconds,
      reportAverageGenerationTimeSeconds: average,
    }),
  ];
}

function fail(state: ReportExecution, command: Extract<ReportExecutionCommand, { kind: 'fail-rendering' }>): NewEvent[] {
  return [
    newEvent(reportExecutionFailed, {
      ...outcomeOf(state, command),
      errorCode: command.errorCode,
      errorMessage: command.errorMessage,
      reportAverageGenerationTimeSeconds: command.stats.average,
    }),
  ];
}

// 409 while it renders; 404 for a failed run or one without a file.
function assertDownloadable(state: ReportExecutionState): NewEvent[] {
  if (!state) throw executionNotFound();
  if (state.status === 'Created' || state.status === 'InProgress') {
    throw new DomainError('REPORTING.NOT_READY', 'The report is still rendering; poll the execution until it is Success', 'conflict', {
      status: state.status,
    });
  }
  if (state.fileExpiredAt) {
    throw new DomainError(
      'REPORTING.FILE_EXPIRED',
      'The file of this run was deleted after its retention period; run the report again',
      'gone',
      {
        expiredAt: state.fileExpiredAt,
      },
    );
  }
  if (state.status !== 'Success' || !state.outputFilePath) throw outputNotFound(state.status);
  return [];
}

export function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
