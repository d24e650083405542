import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { Who } from '@mindhill/platform';
import { workflowsVisibleTo } from '../../../workflow/infrastructure/workflow.read-model';
import { EXECUTION_COLUMNS, EXECUTION_FROM, ExecutionRow, toExecutionView } from '../../infrastructure/execution.read-model';
import { encodeExecutionCursor } from './execution-cursor';
import { ListAllExecutionsParams } from './list-all-executions.schema';

type ListedRow = ExecutionRow & { cursor_us: string };

// The runs of every workflow the caller may see, newest first, keyset-paged on (created_at, id).
// created_at, not started_at: a waiting run gets its start later, and a sort key that moves
// between two pages would skip or repeat it. The access rule is in the WHERE, before the LIMIT,
// so a page is never short of runs the caller may see.
@Injectable()
export class ListAllExecutionsQuery {
  constructor(private readonly events: EventStore) {}

  async execute(query: ListAllExecutionsParams, who: Who) {
    const visible = workflowsVisibleTo(who, 'w');
    const where = [visible.sql];
    const params: unknown[] = [...visible.params];
    const filter = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (query.status) filter('e.status = ?', query.status);
    if (query.workflowId) filter('w.uuid = ?', query.workflowId);
    if (query.triggeredBy) filter('e.triggered_by = ?', query.triggeredBy);
    if (query.from) filter('e.created_at >= ?::timestamptz', query.from);
    if (query.to) filter('e.created_at < ?::timestamptz', query.to);
    if (query.cursor) {
      where.push(`(e.created_at, e.id) < (timestamptz 'epoch' + ?::bigint * interval '1 microsecond', ?::int)`);
      params.push(query.cursor.t, query.cursor.id);
    }
    const rows = await this.events.readModel().execute<ListedRow[]>(
      `SELECT ${EXECUTION_COLUMNS}, (extract(epoch FROM e.created_at) * 1000000)::bigint AS cursor_us
         ${EXECUTION_FROM} WHERE ${where.join(' AND ')} ORDER BY e.created_at DESC, e.id DESC LIMIT ?`,
      [...params, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => toExecutionView(r)),
      nextCursor: rows.length > query.limit && last ? encodeExecutionCursor({ t: String(last.cursor_us), id: Number(last.id) }) : null,
    };
  }
}
