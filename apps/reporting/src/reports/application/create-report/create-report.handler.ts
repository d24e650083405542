import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ReportDefinition, reportCreated } from '@mindhill/contracts';
import { EventContext, EventStore, newEvent } from '@mindhill/persistence';
import { DomainError } from '@mindhill/platform';
import { REPORT_DEFAULTS, scheduleIssue } from '../../domain/report-definition.schema';
import { assertValidReportShape, ReportShape } from '../../domain/report-model';
import { getReport, toReportView, ReportView } from '../../infrastructure/report.record';
import { CreateReportBody } from './create-report.dto';

export function assertValidDefinition(def: ReportDefinition): void {
  assertValidReportShape(def as unknown as ReportShape);
  const issue = scheduleIssue(def);
  if (issue) throw new DomainError('REPORTING.INVALID_DEFINITION', issue, 'invalid', { issues: [issue] });
}

@Injectable()
export class CreateReportHandler {
  constructor(private readonly events: EventStore) {}

  async execute(body: CreateReportBody, context: EventContext): Promise<ReportView> {
    const definition: ReportDefinition = {
      ...REPORT_DEFAULTS,
      outputFormats: [...REPORT_DEFAULTS.outputFormats],
      emailRecipients: [],
      sharedWithUsers: [],
      ...body,
    } as ReportDefinition;
    assertValidDefinition(definition);
    return this.events.transact(async (tx) => {
      const [{ id }] = await tx.em.execute<{ id: string }[]>(`SELECT nextval('flux_reports_id_seq') AS id`);
      const reportId = randomUUID();
      await tx.append(
        `report-${reportId}`,
        0,
        [
          newEvent(reportCreated, {
            ...definition,
            reportId,
            reportNumber: Number(id),
            status: 'active',
            createdBy: context.actor.userNumber,
            createdAt: new Date().toISOString(),
          }),
        ],
        context,
      );
      return toReportView(await getReport(tx.em, reportId));
    });
  }
}
