import { PROJECTION_TABLES, ServiceProjections } from '@mindhill/persistence';
import { executionProjector } from './execution/infrastructure/execution.projector';
import { workflowProjector } from './workflow/infrastructure/workflow.projector';

// What `npm run rebuild -- workflows` truncates and replays from stored_event.
export const workflowsProjections: ServiceProjections = {
  entities: [],
  tables: PROJECTION_TABLES.workflows,
  projectors: [workflowProjector, executionProjector],
  afterReplaySql: [
    `SELECT setval('workflows_id_seq', GREATEST((SELECT max(id) FROM workflows), 1))`,
    `SELECT setval('workflow_executions_id_seq', GREATEST((SELECT max(id) FROM workflow_executions), 1))`,
  ],
};
