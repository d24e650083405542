import { newEvent, reportArchived, reportCreated, reportUpdated } from '@mindhill/contracts';
import { deciderSpecification } from '@mindhill/testing/decider-specification';
import { REPORT_DEFAULTS, ReportDefinitionValues } from './report-definition.schema';
import { Report, reportDecider } from './report.decider';

const spec = deciderSpecification(reportDecider);
const now = '2026-12-06T10:00:00.000Z';
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
        .when({ kind: 'create', reportId, reportNumber: 3, definition, by: owner, now })
        .then([newEvent(reportCreated, { ...definition, reportId, reportNumber: 3, status: 'active', createdBy: 7, createdAt: now })]));

    it('refuses a definition that does not fit its source', () =>
      spec
        .given(null)
        .when({ kind: 'create', reportId, reportNumber: 3, definition: { ...definition, grouping: { by: 'tags' } }, by: owner, now })
        .thenThrows('REPORTING.INVALID_DEFINITION'));

    it('refuses a scheduled report without a cron expression', () =>
      spec
        .given(null)
        .when({ kind: 'create', reportId, reportNumber: 3, definition: { ...definition, isScheduled: true }, by: owner, now })
        .thenThrows('REPORTING.INVALID_DEFINITION'));
  });

  describe('update', () => {
    it('records only the fields that change, with their values before and after', () =>
      spec
        .given(active)
        .when({ kind: 'update', reportId, changes: { reportName: 'Renamed', category: null, status: 'inactive' }, by: owner, now })
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
        .when({ kind: 'update', reportId, changes: { reportName: 'Runs by status' }, by: admin, now })
        .thenNothing());

    it('lets an admin change any report', () =>
      spec
        .given(active)
        .when({ kind: 'update', reportId, changes: { isPublic: true }, by: admin, now })
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
        .when({ kind: 'update', reportId, changes: { reportConfig: { source: 'contents' } }, by: owner, now })
        .thenThrows('REPORTING.INVALID_DEFINITION'));

    it('does not exist for a caller who may not see it', () =>
      spec
        .given(active)
        .when({ kind: 'update', reportId, changes: { reportName: 'x' }, by: stranger, now })
        .thenThrows('REPORTING.REPORT_NOT_FOUND'));

    it('does not exist when there is no such report', () =>
      spec
        .given(null)
        .when({ kind: 'update', reportId, changes: { reportName: 'x' }, by: admin, now })
        .thenThrows('REPORTING.REPORT_NOT_FOUND'));

    it('is for its owner or an admin: a user it is shared with may only read it', () =>
      spec
        .given({ ...active, sharedWithUsers: [8, 9] })
        .when({ kind: 'update', reportId, changes: { reportName: 'x' }, by: stranger, now })
        .thenThrows('AUTH.NOT_OWNER'));

    it('refuses a viewer even on a public report', () =>
      spec
        .given({ ...active, isPublic: true })
        .when({ kind: 'update', reportId, changes: { reportName: 'x' }, by: viewer, now })
        .thenThrows('AUTH.NOT_OWNER'));

    it('refuses an archived report, before judging the change', () =>
      spec
        .given(archived)
        .when({ kind: 'update', reportId, changes: { grouping: { by: 'tags' } }, by: owner, now })
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
