import { isUuid } from '@mindhill/platform';
import { MikroORM } from '@mikro-orm/postgresql';
import { workflowNotFound, WorkflowRow } from './workflow.read-model';

// The columns WorkflowRow names, listed: a prepared `SELECT *` fails ("cached plan must not change
// result type") once a migration adds a column while this process runs.
const COLUMNS = [
  'id',
  'uuid',
  'name',
  'description',
  'status',
  'configuration',
  'configuration_hash',
  'schedule_cron',
  'schedule_timezone',
  'timeout_minutes',
  'max_retries',
  'category',
  'tags',
  'inputs',
  'version',
  'is_template',
  'template_name',
  'created_by',
  'updated_by',
  'parent_workflow_id',
  'total_executions',
  'successful_executions',
  'failed_executions',
  'last_execution_at',
  'average_duration_minutes',
  'created_at',
  'updated_at',
  'archived_at',
  'is_public',
  'shared_with_users',
]
  .map((c) => `w.${c}`)
  .join(', ');
const BY_UUID_SQL = `SELECT ${COLUMNS}, p.uuid AS parent_uuid FROM workflows w LEFT JOIN workflows p ON p.id = w.parent_workflow_id WHERE w.uuid = ?`;

// GET /api/v1/workflows/:id, the platform's hottest read: a named prepared statement on a pooled
// connection (PostgreSQL parses and plans it once per connection) instead of an entity manager
// fork and a statement with the id inlined, parsed and planned on every call (bench/README.md,
// benchmark 3). Same row as findWorkflow. Knex's documented `.options()` hands `name` to pg's
// query config, which makes it a named prepared statement; the knex raw query takes a pooled
// connection and gives it back.
export async function lookupWorkflow(orm: MikroORM, uuid: string): Promise<WorkflowRow> {
  if (!isUuid(uuid)) throw workflowNotFound(uuid);
  const { rows } = await orm.em
    .getConnection()
    .getKnex()
    .raw<{ rows: WorkflowRow[] }>(BY_UUID_SQL, [uuid])
    .options({ name: 'workflows.workflow-by-uuid' });
  if (!rows[0]) throw workflowNotFound(uuid);
  return rows[0];
}
