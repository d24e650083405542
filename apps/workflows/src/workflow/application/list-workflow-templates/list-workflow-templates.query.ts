import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { toWorkflowView, WORKFLOW_SELECT, WorkflowRow } from '../../infrastructure/workflow.read-model';

// The platform's templates (public to everyone), oldest first.
@Injectable()
export class ListWorkflowTemplatesQuery {
  constructor(private readonly events: EventStore) {}

  async execute() {
    const rows = await this.events
      .readModel()
      .execute<WorkflowRow[]>(`${WORKFLOW_SELECT} WHERE w.is_template = true AND w.status <> 'archived' ORDER BY w.id`);
    return { items: rows.map(toWorkflowView) };
  }
}
