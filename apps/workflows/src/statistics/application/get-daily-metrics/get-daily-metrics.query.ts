import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { seesEverything, Who } from '@mindhill/platform';
import { workflowsVisibleTo } from '../../../workflow/infrastructure/workflow.read-model';
import { statisticsRow } from '../../infrastructure/statistics.read-model';

// Runs per day over the last 90 days: the daily_execution_metrics view for admins, the same
// figures over the workflows they may see for everyone else.
@Injectable()
export class GetDailyMetricsQuery {
  constructor(private readonly events: EventStore) {}

  async execute(who: Who) {
    if (seesEverything(who)) {
      const rows = await this.events.readModel().execute<Record<string, unknown>[]>('SELECT * FROM daily_execution_metrics');
      return { items: rows.map(statisticsRow) };
    }
    const visible = workflowsVisibleTo(who);
    const rows = await this.events.readModel().execute<Record<string, unknown>[]>(
      `SELECT DATE(we.started_at) AS execution_date,
              COUNT(*) AS total_executions,
              COUNT(CASE WHEN we.status = 'Success' THEN 1 END) AS successful_executions,
              COUNT(CASE WHEN we.status = 'Failed' THEN 1 END) AS failed_executions,
              AVG(we.duration_minutes) AS avg_duration_minutes,
              SUM(we.content_processed) AS total_content_processed,
              COUNT(DISTINCT we.workflow_id) AS unique_workflows_executed,
              AVG(CASE WHEN we.status = 'Success' THEN we.duration_minutes END) AS avg_successful_duration,
              AVG(CASE WHEN we.status = 'Failed' THEN we.duration_minutes END) AS avg_failed_duration
         FROM workflow_executions we JOIN workflows w ON w.id = we.workflow_id
        WHERE we.started_at IS NOT NULL AND we.started_at >= CURRENT_DATE - INTERVAL '90 days' AND ${visible.sql}
        GROUP BY DATE(we.started_at)
        ORDER BY execution_date DESC`,
      visible.params,
    );
    return { items: rows.map(statisticsRow) };
  }
}
