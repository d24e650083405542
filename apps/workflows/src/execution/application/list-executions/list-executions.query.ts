import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { Who } from '@mindhill/platform';
import { requireWorkflow, visibleWorkflow } from '../../../workflow/infrastructure/workflow.read-model';
import { listExecutions, toExecutionView } from '../../infrastructure/execution.read-model';
import { ListExecutionsParams } from './list-executions.schema';

// The runs of a workflow the caller may see, a page at a time.
@Injectable()
export class ListExecutionsQuery {
  constructor(private readonly events: EventStore) {}

  async execute(workflowId: string, query: ListExecutionsParams, who: Who) {
    const em = this.events.readModel();
    const workflow = visibleWorkflow(await requireWorkflow(em, workflowId), who);
    const rows = await listExecutions(em, workflow.id, query.limit + 1, query.cursor ? Number(query.cursor) : undefined);
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((r) => toExecutionView(r)),
      nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.run_number) : null,
    };
  }
}
