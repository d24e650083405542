import { Injectable } from '@nestjs/common';
import { streamIds } from '@mindhill/contracts';
import { EventContext, EventStore } from '@mindhill/persistence';
import { planReportTick } from '../../../report-schedules/infrastructure/report-schedule-ticks.store';
import { reportDecider } from '../../domain/report.decider';
import { findReport, getReport, ReportView, toReportView } from '../../infrastructure/report.read-model';

// Archiving keeps the definition and its runs (history stays readable); it cannot run again.
@Injectable()
export class ArchiveReportHandler {
  constructor(private readonly events: EventStore) {}

  async execute(reportId: string, context: EventContext): Promise<ReportView> {
    return this.events.transact(async (tx) => {
      const streamId = streamIds.report(reportId);
      const current = await findReport(tx.em, reportId);
      const events = reportDecider.decide(current, { kind: 'archive', reportId, by: context.actor, now: new Date().toISOString() });
      await tx.appendAtCurrent(streamId, events, context);
      // An archived report fires no more: its pending tick is cancelled with the archive.
      await planReportTick(tx.em, await getReport(tx.em, reportId), new Date());
      return toReportView(await getReport(tx.em, reportId));
    });
  }
}
