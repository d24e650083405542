import { Inject, Injectable } from '@nestjs/common';
import { streamIds } from '@mindhill/contracts';
import { EventContext, EventStore } from '@mindhill/persistence';
import { firingScheduleOf, sameSchedule } from '../../../report-schedules/domain/report-schedule-rules';
import { planReportTick } from '../../../report-schedules/infrastructure/report-schedule-ticks.store';
import { SCHEDULE_LIMIT, ScheduleLimit } from '../../../reporting.settings';
import { reportDecider } from '../../domain/report.decider';
import { findReport, getReport, ReportView, toReportView } from '../../infrastructure/report.read-model';
import { UpdateReportRequest } from './update-report.schema';

@Injectable()
export class UpdateReportHandler {
  constructor(
    private readonly events: EventStore,
    @Inject(SCHEDULE_LIMIT) private readonly scheduleLimit: ScheduleLimit,
  ) {}

  async execute(reportId: string, body: UpdateReportRequest, context: EventContext): Promise<ReportView> {
    return this.events.transact(async (tx) => {
      const streamId = streamIds.report(reportId);
      const current = await findReport(tx.em, reportId);
      const events = reportDecider.decide(current, {
        kind: 'update',
        reportId,
        changes: body,
        by: context.actor,
        now: new Date().toISOString(),
        minScheduleIntervalSeconds: this.scheduleLimit.minScheduleIntervalSeconds,
      });
      await tx.appendAtCurrent(streamId, events, context);
      const updated = await getReport(tx.em, reportId);
      // A schedule switched on, off or changed (cron, zone, activation): its pending tick is
      // replaced in this transaction. Any other change leaves the planned tick alone.
      if (current && !sameSchedule(firingScheduleOf(current), firingScheduleOf(updated))) {
        await planReportTick(tx.em, updated, new Date());
        return toReportView(await getReport(tx.em, reportId));
      }
      return toReportView(updated);
    });
  }
}
