import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { EventStore } from '@mindhill/persistence';
import { requestEventContext, seesEverything, ZodValidationPipe } from '@mindhill/platform';
import { requireWorkflow, visibleWorkflow, workflowsVisibleTo } from '../workflow/infrastructure/workflow.read-model';

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');
const statisticsQuery = z
  .strictObject({ from: DATE.optional(), to: DATE.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

// The seed's function and views (numbers as JSON numbers). Admins get the views as they are;
// everyone else the same figures over the workflows they may see only.
@Controller('api/v1')
export class StatisticsHttpController {
  constructor(private readonly events: EventStore) {}

  @Get('workflows/:id/statistics')
  async statistics(@Param('id') id: string, @Query(new ZodValidationPipe(statisticsQuery)) query: z.infer<typeof statisticsQuery>) {
    const em = this.events.readModel();
    const workflow = visibleWorkflow(await requireWorkflow(em, id), requestEventContext().actor);
    const [row] = await em.execute<Record<string, unknown>[]>('SELECT * FROM get_workflow_statistics(?, ?::date, ?::date)', [
      workflow.id,
      query.from ?? null,
      query.to ?? null,
    ]);
    return numbers(row ?? {});
  }

  @Get('workflow-metrics/summary')
  async summary() {
    const visible = workflowsVisibleTo(requestEventContext().actor);
    const rows = await this.events
      .readModel()
      .execute<Record<string, unknown>[]>(
        `SELECT s.* FROM workflow_execution_summary s JOIN workflows w ON w.id = s.workflow_id WHERE ${visible.sql} ORDER BY s.workflow_id`,
        visible.params,
      );
    return { items: rows.map(numbers) };
  }

  @Get('workflow-metrics/daily')
  async daily() {
    const who = requestEventContext().actor;
    if (seesEverything(who)) {
      const rows = await this.events.readModel().execute<Record<string, unknown>[]>('SELECT * FROM daily_execution_metrics');
      return { items: rows.map(numbers) };
    }
    const visible = workflowsVisibleTo(who);
    // daily_execution_metrics, over the visible workflows.
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
    return { items: rows.map(numbers) };
  }

  @Get('workflow-metrics/performance')
  async performance() {
    const who = requestEventContext().actor;
    if (seesEverything(who)) {
      const rows = await this.events
        .readModel()
        .execute<Record<string, unknown>[]>('SELECT * FROM performance_metrics ORDER BY metric_type DESC, entity_id');
      return { items: rows.map(numbers) };
    }
    const visible = workflowsVisibleTo(who);
    // performance_metrics: its workflow rows for the visible workflows, its stage rows over their runs.
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
    return { items: rows.map(numbers) };
  }
}

// PostgreSQL numeric and bigint arrive as strings; the API answers numbers and ISO dates.
function numbers(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v instanceof Date) out[k] = k === 'execution_date' ? v.toISOString().slice(0, 10) : v.toISOString();
    else if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) && !k.endsWith('uuid') && k !== 'entity_id') out[k] = Number(v);
    else out[k] = v;
  }
  return out;
}
