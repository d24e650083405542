import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { Who } from '@mindhill/platform';
import { getExecution, ReportExecutionView } from '../../infrastructure/report-execution.read-model';

// One run, if the caller may see its report (404 otherwise).
@Injectable()
export class GetReportExecutionQuery {
  constructor(private readonly events: EventStore) {}

  execute(id: string, who: Who): Promise<ReportExecutionView> {
    return getExecution(this.events.readModel(), id, who);
  }
}
