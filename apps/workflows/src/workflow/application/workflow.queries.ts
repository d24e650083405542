import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { EventStore } from '@mindhill/persistence';
import { Who } from '@mindhill/platform';
import { lookupWorkflow } from '../infrastructure/workflow-lookup';
import {
  requireWorkflow,
  toWorkflowView,
  visibleWorkflow,
  WORKFLOW_SELECT,
  WorkflowRow,
  iso,
  workflowsVisibleTo,
} from '../infrastructure/workflow.read-model';
import { ListWorkflowsQuery } from './workflow.dto';

@Injectable()
export class WorkflowQueries {
  constructor(
    private readonly events: EventStore,
    private readonly orm: MikroORM,
  ) {}

  async get(id: string, who: Who) {
    return toWorkflowView(visibleWorkflow(await lookupWorkflow(this.orm, id), who));
  }

  // Newest first, keyset on the workflow number; `q` searches names by trigram similarity.
  async list(query: ListWorkflowsQuery, who: Who) {
    // Only what the caller may see, in SQL (pages stay full).
    const visible = workflowsVisibleTo(who);
    const where: string[] = [visible.sql];
    const params: unknown[] = [...visible.params];
    if (query.status) (where.push('w.status = ?'), params.push(query.status));
    else where.push(`w.status <> 'archived'`);
    if (query.category) (where.push('w.category = ?'), params.push(query.category));
    if (query.tag) (where.push('? = ANY(w.tags)'), params.push(query.tag));
    if (query.isTemplate !== undefined) (where.push('w.is_template = ?'), params.push(query.isTemplate));
    if (query.q) (where.push('(w.name ILIKE ? OR w.name % ?)'), params.push(`%${query.q.replace(/[%_\\]/g, '\\$&')}%`, query.q));
    if (query.cursor) (where.push('w.id < ?'), params.push(Number(query.cursor)));
    const rows = await this.events
      .readModel()
      .execute<WorkflowRow[]>(`${WORKFLOW_SELECT} WHERE ${where.join(' AND ')} ORDER BY w.id DESC LIMIT ?`, [...params, query.limit + 1]);
    const page = rows.slice(0, query.limit);
    return { items: page.map(toWorkflowView), nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.id) : null };
  }

  async versions(id: string, who: Who) {
    const workflow = visibleWorkflow(await requireWorkflow(this.events.readModel(), id), who);
    const rows = await this.events
      .readModel()
      .execute<
        { version: number; definition: Record<string, unknown>; configuration_hash: string; created_by: number | null; created_at: Date }[]
      >('SELECT * FROM workflow_versions WHERE workflow_id = ? ORDER BY version DESC', [workflow.id]);
    return {
      items: rows.map((r) => ({
        version: r.version,
        definition: r.definition,
        configurationHash: r.configuration_hash,
        createdBy: r.created_by,
        createdAt: iso(r.created_at),
      })),
    };
  }

  async templates() {
    const rows = await this.events
      .readModel()
      .execute<WorkflowRow[]>(`${WORKFLOW_SELECT} WHERE w.is_template = true AND w.status <> 'archived' ORDER BY w.id`);
    return { items: rows.map(toWorkflowView) };
  }
}
