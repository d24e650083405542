import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { ListHistoryQuery } from './list-history.dto';

// The processing_history rows of one execution, in stage order (seed column names).
@Injectable()
export class ListHistoryQueryHandler {
  constructor(private readonly orm: MikroORM) {}

  async execute(query: ListHistoryQuery): Promise<{ items: Record<string, unknown>[] }> {
    const rows = await this.orm.em.fork().execute<Record<string, unknown>[]>(
      `SELECT * FROM processing_history WHERE execution_uuid = ? ORDER BY stage_order, attempt`,
      [query.executionId],
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
  return out;
}
