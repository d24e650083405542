import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { Who } from '@mindhill/platform';
import { workflowsVisibleTo } from '../../../workflow/infrastructure/workflow.read-model';
import { statisticsRow } from '../../infrastructure/statistics.read-model';

// workflow_execution_summary, one row per workflow the caller may see.
@Injectable()
export class GetMetricsSummaryQuery {
  constructor(private readonly events: EventStore) {}

  async execute(who: Who) {
    const visible = workflowsVisibleTo(who);
    const rows = await this.events
      .readModel()
      .execute<Record<string, unknown>[]>(
        `SELECT s.* FROM workflow_execution_summary s JOIN workflows w ON w.id = s.workflow_id WHERE ${visible.sql} ORDER BY s.workflow_id`,
        visible.params,
      );
    return { items: rows.map(statisticsRow) };
  }
}
