import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { EventStore } from '@mindhill/persistence';
import { ZodValidationPipe } from '@mindhill/platform';
import { requireWorkflow } from '../workflow/infrastructure/workflow.read-model';

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');
const statisticsQuery = z.strictObject({ from: DATE.optional(), to: DATE.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

// The seed's function and views, served as they are (numbers as JSON numbers).
@Controller('api/v1')
export class StatisticsHttpController {
  constructor(private readonly events: EventStore) {}

  @Get('workflows/:id/statistics')
  async statistics(@Param('id') id: string, @Query(new ZodValidationPipe(statisticsQuery)) query: z.infer<typeof statisticsQuery>) {
    const em = this.events.readModel();
    const workflow = await requireWorkflow(em, id);
    const [row] = await em.execute<Record<string, unknown>[]>('SELECT * FROM get_workflow_statistics(?, ?::date, ?::date)', [workflow.id, query.from ?? null, query.to ?? null]);
    return numbers(row ?? {});
  }

  @Get('workflow-metrics/summary')
  async summary() {
    const rows = await this.events.readModel().execute<Record<string, unknown>[]>('SELECT * FROM workflow_execution_summary ORDER BY workflow_id');
    return { items: rows.map(numbers) };
  }

  @Get('workflow-metrics/daily')
  async daily() {
    const rows = await this.events.readModel().execute<Record<string, unknown>[]>('SELECT * FROM daily_execution_metrics');
    return { items: rows.map(numbers) };
  }

  @Get('workflow-metrics/performance')
  async performance() {
    const rows = await this.events.readModel().execute<Record<string, unknown>[]>('SELECT * FROM performance_metrics ORDER BY metric_type DESC, entity_id');
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
