import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { apiKeys, workflowAccessVisibleTo } from '@mindhill/persistence';
import { seesEverything, Who } from '@mindhill/platform';
import { ListHistoryQuery } from './list-history.schema';

// The processing_history rows of one execution, in stage order (the seed's columns under their
// API names, row-keys.ts), if the caller may see the workflow it belongs to (otherwise none).
@Injectable()
export class ListHistoryQueryHandler {
  constructor(private readonly orm: MikroORM) {}

  async execute(query: ListHistoryQuery, who: Who): Promise<{ items: Record<string, unknown>[] }> {
    const visible = seesEverything(who) ? { sql: 'TRUE', params: [] } : workflowAccessVisibleTo(who);
    const rows = await this.orm.em.fork().execute<Record<string, unknown>[]>(
      `SELECT h.* FROM processing_history h WHERE h.execution_uuid = ?
          AND (${visible.sql === 'TRUE' ? 'TRUE' : `EXISTS (SELECT 1 FROM workflow_access wa WHERE wa.workflow_id = h.workflow_uuid AND ${visible.sql})`})
        ORDER BY h.stage_order, h.attempt`,
      [query.executionId, ...visible.params],
    );
    return { items: rows.map(toItem) };
  }
}

const NUMERIC = ['items_per_second', 'accuracy_score', 'confidence_score', 'cpu_utilization_percentage'];
const TIMES = ['timestamp', 'started_at', 'completed_at', 'created_at', 'updated_at'];

function toItem(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const k of NUMERIC) out[k] = row[k] === null || row[k] === undefined ? null : Number(row[k]);
  for (const k of TIMES) out[k] = row[k] ? new Date(row[k] as string).toISOString() : null;
  return apiKeys(out);
}
