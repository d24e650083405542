import { Migration } from '@mikro-orm/migrations';
import { WORKFLOW_ACCESS_V1_DOWN_SQL, WORKFLOW_ACCESS_V1_SQL } from '@mindhill/persistence';

// Ownership and sharing: a data source's seeing share (is_public, shared_with_users) and its
// separate using share (usable_by_users: whose workflows may read it, with its credentials);
// the workflow of each fetching; and workflow_access, a read model of workflows' owner and
// sharing kept from the workflow events, which fetchings and contents follow.
export class Migration20261206090000Access extends Migration {
  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE data_sources
      ADD COLUMN is_public BOOLEAN NOT NULL DEFAULT false,
      ADD COLUMN shared_with_users INTEGER[] NOT NULL DEFAULT '{}',
      ADD COLUMN usable_by_users INTEGER[] NOT NULL DEFAULT '{}'`);
    this.addSql(`CREATE INDEX idx_data_sources_created_by ON data_sources(created_by)`);
    this.addSql(`ALTER TABLE fetching_history ADD COLUMN workflow_id UUID`);
    this.addSql(`CREATE INDEX idx_fetching_workflow ON fetching_history(workflow_id)`);
    this.addSql(`CREATE INDEX idx_fetching_execution ON fetching_history(execution_id)`);
    for (const sql of WORKFLOW_ACCESS_V1_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of WORKFLOW_ACCESS_V1_DOWN_SQL) this.addSql(sql);
    this.addSql(`DROP INDEX idx_fetching_execution`);
    this.addSql(`DROP INDEX idx_fetching_workflow`);
    this.addSql(`ALTER TABLE fetching_history DROP COLUMN workflow_id`);
    this.addSql(`DROP INDEX idx_data_sources_created_by`);
    this.addSql(`ALTER TABLE data_sources DROP COLUMN usable_by_users, DROP COLUMN shared_with_users, DROP COLUMN is_public`);
  }
}
