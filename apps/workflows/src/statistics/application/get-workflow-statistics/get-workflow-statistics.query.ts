import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { Who } from '@mindhill/platform';
import { requireWorkflow, visibleWorkflow } from '../../../workflow/infrastructure/workflow.read-model';
import { statisticsRow } from '../../infrastructure/statistics.read-model';
import { WorkflowStatisticsParams } from './get-workflow-statistics.schema';

// One workflow's run statistics over a date range (the seed's get_workflow_statistics).
@Injectable()
export class GetWorkflowStatisticsQuery {
  constructor(private readonly events: EventStore) {}

  async execute(id: string, query: WorkflowStatisticsParams, who: Who) {
    const em = this.events.readModel();
    const workflow = visibleWorkflow(await requireWorkflow(em, id), who);
    const [row] = await em.execute<Record<string, unknown>[]>('SELECT * FROM get_workflow_statistics(?, ?::date, ?::date)', [
      workflow.id,
      query.from ?? null,
      query.to ?? null,
    ]);
    return statisticsRow(row ?? {});
  }
}
