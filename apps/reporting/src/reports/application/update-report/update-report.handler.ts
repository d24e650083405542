import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { ReportDefinition, reportUpdated } from '@mindhill/contracts';
import { EventContext, EventStore, newEvent } from '@mindhill/persistence';
import { DomainError, assertCanChangeResource } from '@mindhill/platform';
import {
  DEFINITION_COLUMNS,
  getReport,
  reportAccess,
  ReportRecord,
  ReportView,
  toReportView,
  visibleReport,
} from '../../infrastructure/report.record';
import { assertValidDefinition } from '../create-report/create-report.handler';
import { UpdateReportBody } from './update-report.dto';

export const reportArchivedError = () => new DomainError('REPORTING.REPORT_ARCHIVED', 'The report is archived', 'conflict');
type Field = keyof typeof DEFINITION_COLUMNS;

@Injectable()
export class UpdateReportHandler {
  constructor(private readonly events: EventStore) {}

  async execute(reportId: string, body: UpdateReportBody, context: EventContext): Promise<ReportView> {
    return this.events.transact(async (tx) => {
      const streamId = `report-${reportId}`;
      const current = visibleReport(await getReport(tx.em, reportId), context.actor);
      assertCanChangeResource(context.actor, reportAccess(current), 'report');
      const version = await tx.streamVersion(streamId);
      if (current.status === 'archived') throw reportArchivedError();
      const merged = { ...current, ...body } as ReportRecord;
      assertValidDefinition(merged as ReportDefinition);
      // Only what really changes goes into the event (and the audit log's old/new values).
      const previous: Record<string, unknown> = {};
      const changes: Record<string, unknown> = {};
      for (const field of Object.keys(body) as Field[]) {
        if (!isDeepStrictEqual(current[field], merged[field])) {
          previous[field] = current[field];
          changes[field] = merged[field];
        }
      }
      if (Object.keys(changes).length === 0) return toReportView(current);
      await tx.append(
        streamId,
        version,
        [
          newEvent(reportUpdated, {
            reportId,
            reportNumber: current.number,
            reportName: merged.reportName,
            previous,
            changes,
            updatedBy: context.actor.userNumber,
            updatedAt: new Date().toISOString(),
          }),
        ],
        context,
      );
      return toReportView(await getReport(tx.em, reportId));
    });
  }
}
