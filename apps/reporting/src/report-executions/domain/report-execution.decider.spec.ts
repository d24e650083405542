import { newEvent, reportExecutionCompleted, reportExecutionFailed, reportExecutionRequested } from '@mindhill/contracts';
import { deciderSpecification } from '@mindhill/testing/decider-specification';
import { REPORT_DEFAULTS } from '../../reports/domain/report-definition.schema';
import { Report } from '../../reports/domain/report.decider';
import { ReportExecution, reportExecutionDecider, RunRequest } from './report-execution.decider';

const spec = deciderSpecification(reportExecutionDecider);
const now = '2026-12-06T10:00:00.000Z';
const reportId = '6f1f2a52-5b7e-4f0e-9d1a-0c5f7f0d2a11';
const reportExecutionId = '0b8f3c1e-8f7a-4c55-9a43-2f6a1e5d7c90';
const owner = { role: 'user', userNumber: 7 } as const;
const sharedUser = { role: 'user', userNumber: 8 } as const;
const viewer = { role: 'viewer', userNumber: 9 } as const;
const admin = { role: 'admin', userNumber: 1 } as const;

const report: Report = {
  ...REPORT_DEFAULTS,
  outputFormats: ['json', 'csv'],
  emailRecipients: [],
  sharedWithUsers: [8, 9],
  reportName: 'Runs',
  reportType: 'detailed',
  reportConfig: { source: 'executions' },
  filters: { status: 'Success' },
  uuid: reportId,
  number: 3,
  status: 'active',
  createdBy: owner.userNumber,
};
const run = (request: Partial<RunRequest>) =>
  ({
    kind: 'request-run',
    triggeredBy: 'manual',
    reportId,
    report,
    format: 'csv',
    by: owner,
    reportExecutionId,
    reportExecutionNumber: 12,
    now,
    ...request,
  }) as const;

const created: ReportExecution = {
  reportExecutionId,
  reportExecutionNumber: 12,
  reportId,
  reportNumber: 3,
  reportName: 'Runs',
  status: 'Created',
  outputFormat: 'csv',
  outputFilePath: null,
  fileExpiredAt: null,
};
const succeeded: ReportExecution = { ...created, status: 'Success', outputFilePath: `${reportId}/${reportExecutionId}.csv` };
const timing = { startedAt: '2026-12-06T10:00:01.000Z', completedAt: '2026-12-06T10:00:03.500Z' };
const output = {
  outputFilePath: `${reportId}/${reportExecutionId}.csv`,
  outputFileSizeBytes: 120,
  recordsProcessed: 4,
  dataPointsIncluded: 8,
  queryTimeSeconds: 0.01,
  renderTimeSeconds: 0.002,
};
const outcome = { reportExecutionId, reportExecutionNumber: 12, reportId, reportNumber: 3, reportName: 'Runs', ...timing };

describe('report execution decider', () => {
  describe('request a run', () => {
    it('records the run with a snapshot of the definition and the filters after the overrides', () =>
      spec
        .given(null)
        .when(run({ filters: { from: '2026-11-01T00:00:00Z' }, executionName: 'November' }))
        .then([
          newEvent(reportExecutionRequested, {
            reportExecutionId,
            reportExecutionNumber: 12,
            reportId,
            reportNumber: 3,
            reportName: 'Runs',
            executionName: 'November',
            outputFormat: 'csv',
            triggeredBy: 'manual',
            triggerUserId: 7,
            reportConfig: { reportConfig: { source: 'executions' }, grouping: null, sorting: null, dataSources: null },
            filtersApplied: { status: 'Success', from: '2026-11-01T00:00:00Z' },
            requestedAt: now,
          }),
        ]));

    it('lets a user the report is shared with run it, in their name', () =>
      spec
        .given(null)
        .when(run({ by: sharedUser, format: 'json' }))
        .then([
          newEvent(reportExecutionRequested, {
            reportExecutionId,
            reportExecutionNumber: 12,
            reportId,
            reportNumber: 3,
            reportName: 'Runs',
            executionName: null,
            outputFormat: 'json',
            triggeredBy: 'manual',
            triggerUserId: 8,
            reportConfig: { reportConfig: { source: 'executions' }, grouping: null, sorting: null, dataSources: null },
            filtersApplied: { status: 'Success' },
            requestedAt: now,
          }),
        ]));

    it.each(['html', 'xlsx', 'pdf'] as const)('records a %s run like any other', (format) =>
      spec
        .given(null)
        .when(run({ format }))
        .then([
          newEvent(reportExecutionRequested, {
            reportExecutionId,
            reportExecutionNumber: 12,
            reportId,
            reportNumber: 3,
            reportName: 'Runs',
            executionName: null,
            outputFormat: format,
            triggeredBy: 'manual',
            triggerUserId: 7,
            reportConfig: { reportConfig: { source: 'executions' }, grouping: null, sorting: null, dataSources: null },
            filtersApplied: { status: 'Success' },
            requestedAt: now,
          }),
        ]),
    );

    it.each(['docx', 'PDF', ''])('refuses %s, a format it cannot render, before anything else', (format) =>
      spec
        .given(null)
        .when(run({ format, report: null }))
        .thenThrows('REPORTING.FORMAT_NOT_SUPPORTED'),
    );

    it('does not exist for a caller who may not see the report', () =>
      spec
        .given(null)
        .when(run({ by: { role: 'user', userNumber: 10 } }))
        .thenThrows('REPORTING.REPORT_NOT_FOUND'));

    it('does not exist when there is no such report', () =>
      spec
        .given(null)
        .when(run({ report: null, by: admin }))
        .thenThrows('REPORTING.REPORT_NOT_FOUND'));

    it('refuses a viewer, even on a report shared with them', () =>
      spec
        .given(null)
        .when(run({ by: viewer }))
        .thenThrows('AUTH.FORBIDDEN'));

    it('refuses an archived report', () =>
      spec
        .given(null)
        .when(run({ report: { ...report, status: 'archived' } }))
        .thenThrows('REPORTING.REPORT_ARCHIVED'));

    it('refuses filter overrides that do not fit the source', () =>
      spec
        .given(null)
        .when(run({ filters: { tag: 'x' } }))
        .thenThrows('REPORTING.INVALID_DEFINITION'));
  });

  describe('rendering', () => {
    it('completes with the output, the run count and the new average generation time', () =>
      spec
        .given(created)
        .when({ kind: 'complete-rendering', ...timing, output, stats: { runCount: 4, successes: 3, average: 1.5 } })
        .then([
          newEvent(reportExecutionCompleted, {
            ...outcome,
            ...output,
            outputFormat: 'csv',
            generationTimeSeconds: 2.5,
            reportRunCount: 5,
            reportAverageGenerationTimeSeconds: 1.75,
          }),
        ]));

    it('makes the first success the average', () =>
      spec
        .given(created)
        .when({ kind: 'complete-rendering', ...timing, output, stats: { runCount: 1, successes: 0, average: null } })
        .then([
          newEvent(reportExecutionCompleted, {
            ...outcome,
            ...output,
            outputFormat: 'csv',
            generationTimeSeconds: 2.5,
            reportRunCount: 2,
            reportAverageGenerationTimeSeconds: 2.5,
          }),
        ]));

    it('fails with the code and message, keeping the average of the successes', () =>
      spec
        .given(created)
        .when({
          kind: 'fail-rendering',
          ...timing,
          errorCode: 'REPORTING.TOO_MANY_ROWS',
          errorMessage: 'too many',
          stats: { runCount: 4, successes: 3, average: 1.5 },
        })
        .then([
          newEvent(reportExecutionFailed, {
            ...outcome,
            errorCode: 'REPORTING.TOO_MANY_ROWS',
            errorMessage: 'too many',
            reportRunCount: 5,
            reportAverageGenerationTimeSeconds: 1.5,
          }),
        ]));

    it('records nothing for a run an earlier attempt already finished', () =>
      spec
        .given(succeeded)
        .when({ kind: 'complete-rendering', ...timing, output, stats: { runCount: 5, successes: 4, average: 1.75 } })
        .thenNothing());

    it('records nothing for a run that is gone', () =>
      spec
        .given(null)
        .when({ kind: 'fail-rendering', ...timing, errorCode: 'X', errorMessage: 'x', stats: { runCount: 0, successes: 0, average: null } })
        .thenNothing());
  });

  describe('download', () => {
    it('gives the file of a successful run', () => spec.given(succeeded).when({ kind: 'download' }).thenNothing());
    it('is not ready while the run renders', () => spec.given(created).when({ kind: 'download' }).thenThrows('REPORTING.NOT_READY'));
    it('has no file for a failed run', () =>
      spec
        .given({ ...created, status: 'Failed' })
        .when({ kind: 'download' })
        .thenThrows('REPORTING.OUTPUT_NOT_FOUND'));
    it('has no file when none was recorded', () =>
      spec
        .given({ ...succeeded, outputFilePath: null })
        .when({ kind: 'download' })
        .thenThrows('REPORTING.OUTPUT_NOT_FOUND'));
    it('does not exist without a run', () => spec.given(null).when({ kind: 'download' }).thenThrows('REPORTING.EXECUTION_NOT_FOUND'));
    it('is gone once retention deleted the file', () =>
      spec
        .given({ ...succeeded, fileExpiredAt: '2026-12-06T10:00:00.000Z' })
        .when({ kind: 'download' })
        .thenThrows('REPORTING.FILE_EXPIRED'));
  });
});
