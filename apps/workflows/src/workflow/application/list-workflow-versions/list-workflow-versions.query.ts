import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { Who } from '@mindhill/platform';
import { iso, requireWorkflow, visibleWorkflow } from '../../infrastructure/workflow.read-model';

type VersionRow = {
  version: number;
  definition: Record<string, unknown>;
  configuration_hash: string;
  created_by: number | null;
  created_at: Date;
};

// Every version of a workflow's definition, newest first (runs are pinned to one of them).
@Injectable()
export class ListWorkflowVersionsQuery {
  constructor(private readonly events: EventStore) {}

  async execute(id: string, who: Who) {
    const workflow = visibleWorkflow(await requireWorkflow(this.events.readModel(), id), who);
    const rows = await this.events
      .readModel()
      .execute<VersionRow[]>('SELECT * FROM workflow_versions WHERE workflow_id = ? ORDER BY version DESC', [workflow.id]);
    return {
      items: rows.map((r) => ({
        version: r.version,
        // Versions saved before inputs existed declared none.
        definition: { inputs: [], ...r.definition },
        configurationHash: r.configuration_hash,
        createdBy: r.created_by,
        createdAt: iso(r.created_at),
      })),
    };
  }
}
