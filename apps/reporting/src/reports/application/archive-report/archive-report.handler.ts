import { assertCanChangeResource } from '@mindhill/platform';
import { Injectable } from '@nestjs/common';
import { reportArchived } from '@mindhill/contracts';
import { EventContext, EventStore, newEvent } from '@mindhill/persistence';
import { getReport, reportAccess, ReportView, toReportView, visibleReport } from '../../infrastructure/report.record';
import { reportArchivedError } from '../update-report/update-report.handler';

// Archiving keeps the definition and its runs (history stays readable); it cannot run again.
@Injectable()
export class ArchiveReportHandler {
  constructor(private readonly events: EventStore) {}

  async execute(reportId: string, context: EventContext): Promise<ReportView> {
    return this.events.transact(async (tx) => {
      const streamId = `report-${reportId}`;
      const current = visibleReport(await getReport(tx.em, reportId), context.actor);
      assertCanChangeResource(context.actor, reportAccess(current), 'report');
      const version = await tx.streamVersion(streamId);
      if (current.status === 'archived') throw reportArchivedError();
      await tx.append(
        streamId,
        version,
        [
          newEvent(reportArchived, {
            reportId,
            reportNumber: current.number,
            reportName: current.reportName,
            previousStatus: current.status,
            archivedBy: context.actor.userNumber,
            archivedAt: new Date().toISOString(),
          }),
        ],
        context,
      );
      return toReportView(await getReport(tx.em, reportId));
    });
  }
}
