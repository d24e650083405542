import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { Who } from '@mindhill/platform';
import { toWorkflowView, WORKFLOW_SELECT, WorkflowRow, workflowsVisibleTo } from '../../infrastructure/workflow.read-model';
import { ListWorkflowsParams } from './list-workflows.schema';

// Newest first, keyset on the workflow number; `q` searches names by trigram similarity. Only
// what the caller may see, in SQL (pages stay full); archived ones only when asked for.
@Injectable()
export class ListWorkflowsQuery {
  constructor(private readonly events: EventStore) {}

  async execute(query: ListWorkflowsParams, who: Who) {
    const visible = workflowsVisibleTo(who);
    const where: string[] = [visible.sql];
    const params: unknown[] = [...visible.params];
    const filter = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      params.push(...values);
    };
    if (query.status) filter('w.status = ?', query.status);
    else filter(`w.status <> 'archived'`);
    if (query.category) filter('w.category = ?', query.category);
    if (query.tag) filter('? = ANY(w.tags)', query.tag);
    if (query.isTemplate !== undefined) filter('w.is_template = ?', query.isTemplate);
    if (query.q) filter('(w.name ILIKE ? OR w.name % ?)', `%${query.q.replace(/[%_\\]/g, '\\$&')}%`, query.q);
    if (query.cursor) filter('w.id < ?', Number(query.cursor));
    const rows = await this.events
      .readModel()
      .execute<WorkflowRow[]>(`${WORKFLOW_SELECT} WHERE ${where.join(' AND ')} ORDER BY w.id DESC LIMIT ?`, [...params, query.limit + 1]);
    const page = rows.slice(0, query.limit);
    return { items: page.map(toWorkflowView), nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.id) : null };
  }
}
