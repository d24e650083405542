import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { seesEverything, Who } from '@mindhill/platform';
import { workflowsVisibleTo } from '../../../workflow/infrastructure/workflow.read-model';
import { statisticsRow } from '../../infrastructure/statistics.read-model';

// Durations per workflow and per stage type: the performance_metrics view for admins; for
// everyone else its workflow rows for the workflows they may see, its stage rows over their runs.
@Injectable()
export class GetPerformanceMetricsQuery {
  constructor(private readonly events: EventStore) {}

  async execute(who: Who) {
    if (seesEverything(who)) {
      const rows = await this.events
        .readModel()
        .execute<Record<string, unknown>[]>('SELECT * FROM performance_metrics ORDER BY metric_type DESC, entity_id');
      return { items: rows.map(statisticsRow) };
    }
    const visible = workflowsVisibleTo(who);
    const rows = await this.events.readModel().execute<Record<string, unknown>[]>(
      `SELECT * FROM (
         SELECT p.* FROM performance_metrics p
          WHERE p.metric_type = 'workflow' AND p.entity_id IN (SELECT w.id::TEXT FROM workflows w WHERE ${visible.sql})
         UNION ALL
         SELECT 'stage' AS metric_type, es.stage_type::TEXT AS entity_id, es.stage_type::TEXT AS entity_name,
                COUNT(es.id) AS execution_count, AVG(es.duration_seconds / 60.0) AS avg_duration,
                PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY es.duration_seconds / 60.0) AS p95_duration,
                AVG(es.items_processed) AS avg_throughput, STDDEV(es.duration_seconds / 60.0) AS duration_stddev, MAX(es.started_at) AS last_execution
           FROM execution_stages es JOIN workflow_executions we ON we.id = es.execution_id JOIN workflows w ON w.id = we.workflow_id
          WHERE es.completed_at IS NOT NULL AND ${visible.sql}
          GROUP BY es.stage_type) m
        ORDER BY metric_type DESC, entity_id`,
      [...visible.params, ...visible.params],
    );
    return { items: rows.map(statisticsRow) };
  }
}
