import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { Who } from '@mindhill/platform';
import { visibleReport } from '../../domain/report.decider';
import { findReport, ReportView, toReportView } from '../../infrastructure/report.read-model';

// One report, if the caller may see it (404 otherwise).
@Injectable()
export class GetReportQuery {
  constructor(private readonly events: EventStore) {}

  async execute(reportId: string, who: Who): Promise<ReportView> {
    return toReportView(visibleReport(await findReport(this.events.readModel(), reportId), who));
  }
}
