import { isUuid } from '@mindhill/platform';
import { MikroORM } from '@mikro-orm/postgresql';
import { workflowNotFound, WorkflowRow } from './workflow.read-model';

type PgConnection = { query<R>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: R[] }> };
type KnexClient = { acquireConnection(): Promise<PgConnection>; releaseConnection(connection: PgConnection): Promise<void> };

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
const BY_UUID = {
  name: 'workflows.workflow-by-uuid',
  text: `SELECT ${COLUMNS}, p.uuid AS parent_uuid FROM workflows w LEFT JOIN workflows p ON p.id = w.parent_workflow_id WHERE w.uuid = $1`,
};

// GET /api/v1/workflows/:id, the platform's hottest read: a named prepared statement on a pooled
// connection (PostgreSQL parses and plans it once per connection) instead of an entity manager
// fork and a statement with the id inlined, parsed and planned on every call (bench/README.md,
// benchmark 3). Same row as findWorkflow.
export async function lookupWorkflow(orm: MikroORM, uuid: string): Promise<WorkflowRow> {
  if (!isUuid(uuid)) throw workflowNotFound(uuid);
  const client = orm.em.getConnection().getKnex().client as KnexClient;
  const connection = await client.acquireConnection();
  try {
    const { rows } = await connection.query<WorkflowRow>({ ...BY_UUID, values: [uuid] });
    if (!rows[0]) throw workflowNotFound(uuid);
    return rows[0];
  } finally {
    await client.releaseConnection(connection);
  }
}
