import { newEvent, reportArchived, reportCreated, reportUpdated } from '@mindhill/contracts';
import { deciderSpecification } from '@mindhill/testing/decider-specification';
import { REPORT_DEFAULTS, ReportDefinitionValues } from './report-definition.schema';
import { Report, reportDecider } from './report.decider';

const spec = deciderSpecification(reportDecider);
const now = '2026-12-06T10:00:00.000Z';
const minScheduleIntervalSeconds = 60;
const reportId = '6f1f2a52-5b7e-4f0e-9d1a-0c5f7f0d2a11';
const owner = { role: 'user', userNumber: 7 } as const;
const admin = { role: 'admin', userNumber: 1 } as const;
const stranger = { role: 'user', userNumber: 8 } as const;
const viewer = { role: 'viewer', userNumber: 9 } as const;

const definition: ReportDefinitionValues = {
  ...REPORT_DEFAULTS,
  outputFormats: ['json', 'csv'],
  emailRecipients: [],
  sharedWithUsers: [],
  reportName: 'Runs by status',
  reportType: 'summary',
  reportConfig: { source: 'executions', columns: ['status', 'bytes_processed'] },
  grouping: { by: 'status' },
};
const active: Report = { ...definition, uuid: reportId, number: 3, status: 'active', createdBy: owner.userNumber };
const archived: Report = { ...active, status: 'archived' };

describe('report decider', () => {
  describe('create', () => {
    it('records the definition as an active report owned by its creator', () =>
      spec
        .given(null)
        .when({ kind: 'create', reportId, reportNumber: 3, definition, by: owner, now, minScheduleIntervalSeconds })
        .then([newEvent(reportCreated, { ...definition, reportId, reportNumber: 3, status: 'active', createdBy: 7, createdAt: now })]));

    it('refuses a definition that does not fit its source', () =>
      spec
        .given(null)
        .when({
          kind: 'create',
          reportId,
          reportNumber: 3,
          definition: { ...definition, grouping: { by: 'tags' } },
          by: owner,
          now,
          minScheduleIntervalSeconds,
        })
        .thenThrows('REPORTING.INVALID_DEFINITION'));

    it('refuses a scheduled report without a cron expression', () =>
      spec
        .given(null)
        .when({
          kind: 'create',
          reportId,
          reportNumber: 3,
          definition: { ...definition, isScheduled: true },
          by: owner,
          now,
          minScheduleIntervalSeconds,
        })
        .thenThrows('REPORTING.INVALID_DEFINITION'));
  });

  describe('schedule', () => {
    const scheduled = { ...definition, isScheduled: true, scheduleCron: '*/1 * * * *', scheduleTimezone: 'Europe/Paris' };
    const create = (d: ReportDefinitionValues, min = minScheduleIntervalSeconds) =>
      spec.given(null).when({ kind: 'create', reportId, reportNumber: 3, definition: d, by: owner, now, minScheduleIntervalSeconds: min });

    it('records a valid schedule', () =>
      create(scheduled).then([
        newEvent(reportCreated, { ...scheduled, reportId, reportNumber: 3, status: 'active', createdBy: 7, createdAt: now }),
      ]));

    it('refuses a cron that does not parse with REPORTING.INVALID_SCHEDULE', () =>
      create({ ...scheduled, scheduleCron: '0 25 * * *' }).thenThrows('REPORTING.INVALID_SCHEDULE'));

    it('refuses a six-field cron with REPORTING.INVALID_SCHEDULE (reports fire at minute precision)', () =>
      create({ ...scheduled, scheduleCron: '*/10 * * * * *' }).thenThrows('REPORTING.INVALID_SCHEDULE'));

    it('refuses a schedule under min_schedule_interval_seconds with REPORTING.SCHEDULE_TOO_FREQUENT', () =>
      create(scheduled, 300).thenThrows('REPORTING.SCHEDULE_TOO_FREQUENT'));

    const everyMinute: Report = { ...active, ...scheduled };
    it('given a schedule saved before the minimum was raised, when something else changes, then it is not held to it', () =>
      spec
        .given(everyMinute)
        .when({ kind: 'update', reportId, changes: { reportName: 'Renamed' }, by: owner, now, minScheduleIntervalSeconds: 300 })
        .then([
          newEvent(reportUpdated, {
            reportId,
            reportNumber: 3,
            reportName: 'Renamed',
            previous: { reportName: 'Runs by status' },
            changes: { reportName: 'Renamed' },
            updatedBy: 7,
            updatedAt: now,
          }),
        ]));

    it('given a schedule saved before the minimum was raised, when it is switched back on, then it is held to it', () =>
      spec
        .given({ ...everyMinute, isScheduled: false })
        .when({ kind: 'update', reportId, changes: { isScheduled: true }, by: owner, now, minScheduleIntervalSeconds: 300 })
        .thenThrows('REPORTING.SCHEDULE_TOO_FREQUENT'));

    it('refuses a changed zone that is not an IANA zone', () =>
      spec
        .given(everyMinute)
        .when({ kind: 'update', reportId, changes: { scheduleTimezone: 'Europe/Atlantis' }, by: owner, now, minScheduleIntervalSeconds })
        .thenThrows('REPORTING.INVALID_SCHEDULE'));
  });

  describe('update', () => {
    it('records only the fields that change, with their values before and after', () =>
      spec
        .given(active)
        .when({
          kind: 'update',
          reportId,
          changes: { reportName: 'Renamed', category: null, status: 'inactive' },
          by: owner,
          now,
          minScheduleIntervalSeconds,
        })
        .then([
          newEvent(reportUpdated, {
            reportId,
            reportNumber: 3,
            reportName: 'Renamed',
            previous: { reportName: 'Runs by status', status: 'active' },
            changes: { reportName: 'Renamed', status: 'inactive' },
            updatedBy: 7,
            updatedAt: now,
          }),
        ]));

    it('records nothing when nothing changes', () =>
      spec
        .given(active)
        .when({ kind: 'update', reportId, changes: { reportName: 'Runs by status' }, by: admin, now, minScheduleIntervalSeconds })
        .thenNothing());

    it('lets an admin change any report', () =>
      spec
        .given(active)
        .when({ kind: 'update', reportId, changes: { isPublic: true }, by: admin, now, minScheduleIntervalSeconds })
        .then([
          newEvent(reportUpdated, {
            reportId,
            reportNumber: 3,
            reportName: 'Runs by status',
            previous: { isPublic: false },
            changes: { isPublic: true },
            updatedBy: 1,
            updatedAt: now,
          }),
        ]));

    it('refuses a merged definition that does not fit its source', () =>
      spec
        .given(active)
        .when({ kind: 'update', reportId, changes: { reportConfig: { source: 'contents' } }, by: owner, now, minScheduleIntervalSeconds })
        .thenThrows('REPORTING.INVALID_DEFINITION'));

    it('does not exist for a caller who may not see it', () =>
      spec
        .given(active)
        .when({ kind: 'update', reportId, changes: { reportName: 'x' }, by: stranger, now, minScheduleIntervalSeconds })
        .thenThrows('REPORTING.REPORT_NOT_FOUND'));

    it('does not exist when there is no such report', () =>
      spec
        .given(null)
        .when({ kind: 'update', reportId, changes: { reportName: 'x' }, by: admin, now, minScheduleIntervalSeconds })
        .thenThrows('REPORTING.REPORT_NOT_FOUND'));

    it('is for its owner or an admin: a user it is shared with may only read it', () =>
      spec
        .given({ ...active, sharedWithUsers: [8, 9] })
        .when({ kind: 'update', reportId, changes: { reportName: 'x' }, by: stranger, now, minScheduleIntervalSeconds })
        .thenThrows('AUTH.NOT_OWNER'));

    it('refuses a viewer even on a public report', () =>
      spec
        .given({ ...active, isPublic: true })
        .when({ kind: 'update', reportId, changes: { reportName: 'x' }, by: viewer, now, minScheduleIntervalSeconds })
        .thenThrows('AUTH.NOT_OWNER'));

    it('refuses an archived report, before judging the change', () =>
      spec
        .given(archived)
        .when({ kind: 'update', reportId, changes: { grouping: { by: 'tags' } }, by: owner, now, minScheduleIntervalSeconds })
        .thenThrows('REPORTING.REPORT_ARCHIVED'));
  });

  describe('archive', () => {
    it('records the status it leaves', () =>
      spec
        .given({ ...active, status: 'inactive' })
        .when({ kind: 'archive', reportId, by: owner, now })
        .then([
          newEvent(reportArchived, {
            reportId,
            reportNumber: 3,
            reportName: 'Runs by status',
            previousStatus: 'inactive',
            archivedBy: 7,
            archivedAt: now,
          }),
        ]));

    it('archives once', () =>
      spec.given(archived).when({ kind: 'archive', reportId, by: admin, now }).thenThrows('REPORTING.REPORT_ARCHIVED'));

    it('is for its owner or an admin', () =>
      spec
        .given({ ...active, isPublic: true })
        .when({ kind: 'archive', reportId, by: stranger, now })
        .thenThrows('AUTH.NOT_OWNER'));
  });
});
