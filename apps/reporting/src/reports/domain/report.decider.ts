import { isDeepStrictEqual } from 'node:util';
import { newEvent, NewEvent, reportArchived, reportCreated, reportUpdated } from '@mindhill/contracts';
import { assertCanChangeResource, canSee, Decider, DomainError, ResourceAccess, Who } from '@mindhill/domain';
import { assertValidReportSchedule, ScheduleCheck } from '../../report-schedules/domain/report-schedule-rules';
import { ReportDefinitionValues, scheduleIssue } from './report-definition.schema';
import { assertValidReportShape } from './report-model';

export type ReportStatus = 'active' | 'inactive' | 'archived';
// A report as its rules see it (the flux_reports row: uuid is the stream's id, number the row id).
export type Report = ReportDefinitionValues & { uuid: string; number: number; status: ReportStatus; createdBy: number | null };
// null: no report with this id.
export type ReportState = Report | null;
// What PATCH may change: any definition field, and activation.
export type ReportChanges = Partial<ReportDefinitionValues> & { status?: 'active' | 'inactive' };

// `now` and the new ids come with the command: the decider reads no clock and draws no ids.
// `reportId` is the report's id as the client named it. `minScheduleIntervalSeconds`: the live
// setting min_schedule_interval_seconds, which a schedule being set may not fire more often than.
export type ReportCommand =
  | {
      kind: 'create';
      reportId: string;
      reportNumber: number;
      definition: ReportDefinitionValues;
      by: Who;
      now: string;
      minScheduleIntervalSeconds: number;
    }
  | { kind: 'update'; reportId: string; changes: ReportChanges; by: Who; now: string; minScheduleIntervalSeconds: number }
  | { kind: 'archive'; reportId: string; by: Who; now: string };

export const reportNotFound = () => new DomainError('REPORTING.REPORT_NOT_FOUND', 'No report with this id', 'not-found');
export const reportArchivedError = () => new DomainError('REPORTING.REPORT_ARCHIVED', 'The report is archived', 'conflict');

export function reportAccess(r: Pick<Report, 'createdBy' | 'isPublic' | 'sharedWithUsers'>): ResourceAccess {
  return { ownerNumber: r.createdBy, isPublic: r.isPublic, sharedWithUsers: r.sharedWithUsers };
}

// The report if the caller may see it; what they may not see does not exist for them.
export function visibleReport<R extends Report>(report: R | null, who: Who): R {
  if (!report || !canSee(who, reportAccess(report))) throw reportNotFound();
  return report;
}

// Columns, filters, grouping and sorting fit the source, a scheduled report has a cron, and the
// cron is a valid one in a real zone that fires no more often than the minimum (when checked).
export function assertValidDefinition(definition: ReportDefinitionValues, schedule: ScheduleCheck): void {
  assertValidReportShape(definition);
  const issue = scheduleIssue(definition);
  if (issue) throw new DomainError('REPORTING.INVALID_DEFINITION', issue, 'invalid', { issues: [issue] });
  assertValidReportSchedule(definition, schedule);
}

// The fields whose change makes a saved schedule held to the current minimum interval.
const SCHEDULE_FIELDS: readonly (keyof ReportChanges)[] = ['isScheduled', 'scheduleCron', 'scheduleTimezone', 'status'];

// Create, change and archive a report. Checks run in the order the API reports them: unknown or
// unseen (404), not the owner or an admin (403), archived (409), invalid definition (400).
export const reportDecider: Decider<ReportState, ReportCommand> = {
  decide(state, command) {
    switch (command.kind) {
      case 'create':
        return create(command);
      case 'update':
        return update(changeable(state, command.by), command);
      case 'archive':
        return archive(changeable(state, command.by), command);
    }
  },
};

function changeable(state: ReportState, by: Who): Report {
  const report = visibleReport(state, by);
  assertCanChangeResource(by, reportAccess(report), 'report');
  // Archiving keeps the definition and its runs readable; it changes no more.
  if (report.status === 'archived') throw reportArchivedError();
  return report;
}

// The stream is new (a fresh id; the append at version 0 refuses a second create).
function create(command: Extract<ReportCommand, { kind: 'create' }>): NewEvent[] {
  assertValidDefinition(command.definition, { ...command, intervalChecked: true });
  return [
    newEvent(reportCreated, {
      ...command.definition,
      reportId: command.reportId,
      reportNumber: command.reportNumber,
      status: 'active',
      createdBy: command.by.userNumber,
      createdAt: command.now,
    }),
  ];
}

// Only what really changes goes into the event (and the audit log's old/new values); a change
// to nothing records nothing.
function update(current: Report, command: Extract<ReportCommand, { kind: 'update' }>): NewEvent[] {
  const merged: Report = { ...current, ...command.changes };
  const scheduleTouched = SCHEDULE_FIELDS.some((field) => field in command.changes && !isDeepStrictEqual(current[field], merged[field]));
  assertValidDefinition(merged, { ...command, intervalChecked: scheduleTouched });
  const previous: Record<string, unknown> = {};
  const changes: Record<string, unknown> = {};
  for (const field of Object.keys(command.changes) as (keyof ReportChanges)[]) {
    if (!isDeepStrictEqual(current[field], merged[field])) {
      previous[field] = current[field];
      changes[field] = merged[field];
    }
  }
  if (Object.keys(changes).length === 0) return [];
  return [
    newEvent(reportUpdated, {
      reportId: command.reportId,
      reportNumber: current.number,
      reportName: merged.reportName,
      previous,
      changes,
      updatedBy: command.by.userNumber,
      updatedAt: command.now,
    }),
  ];
}

function archive(current: Report, command: Extract<ReportCommand, { kind: 'archive' }>): NewEvent[] {
  return [
    newEvent(reportArchived, {
      reportId: command.reportId,
      reportNumber: current.number,
      reportName: current.reportName,
      previousStatus: current.status,
      archivedBy: command.by.userNumber,
      archivedAt: command.now,
    }),
  ];
}
