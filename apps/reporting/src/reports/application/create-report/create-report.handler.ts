import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { streamIds } from '@mindhill/contracts';
import { EventContext, EventStore } from '@mindhill/persistence';
import { planReportTick } from '../../../report-schedules/infrastructure/report-schedule-ticks.store';
import { SCHEDULE_LIMIT, ScheduleLimit } from '../../../reporting.settings';
import { REPORT_DEFAULTS, ReportDefinitionValues } from '../../domain/report-definition.schema';
import { assertValidDefinition, reportDecider } from '../../domain/report.decider';
import { getReport, ReportView, toReportView } from '../../infrastructure/report.read-model';
import { CreateReportRequest } from './create-report.schema';

@Injectable()
export class CreateReportHandler {
  constructor(
    private readonly events: EventStore,
    @Inject(SCHEDULE_LIMIT) private readonly scheduleLimit: ScheduleLimit,
  ) {}

  async execute(body: CreateReportRequest, context: EventContext): Promise<ReportView> {
    const definition: ReportDefinitionValues = {
      ...REPORT_DEFAULTS,
      outputFormats: [...REPORT_DEFAULTS.outputFormats],
      emailRecipients: [],
      sharedWithUsers: [],
      ...body,
    };
    const now = new Date();
    const minScheduleIntervalSeconds = this.scheduleLimit.minScheduleIntervalSeconds;
    // Refused before a report number is drawn: a sequence value is never given back.
    assertValidDefinition(definition, { now: now.toISOString(), minScheduleIntervalSeconds, intervalChecked: true });
    return this.events.transact(async (tx) => {
      const [{ id }] = await tx.em.execute<{ id: string }[]>(`SELECT nextval('flux_reports_id_seq') AS id`);
      const reportId = randomUUID();
      const events = reportDecider.decide(null, {
        kind: 'create',
        reportId,
        reportNumber: Number(id),
        definition,
        by: context.actor,
        now: now.toISOString(),
        minScheduleIntervalSeconds,
      });
      await tx.append(streamIds.report(reportId), 0, events, context);
      // A scheduled report's first tick commits with it.
      await planReportTick(tx.em, await getReport(tx.em, reportId), now, { created: true });
      return toReportView(await getReport(tx.em, reportId));
    });
  }
}
