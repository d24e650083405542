import { Migration } from '@mikro-orm/migrations';

// Who may see a workflow (owner = created_by, is_public, shared_with_users: user numbers), whether
// its owner was an admin when it was created (admins may name any data source), and the
// data_source_access read model (from ingestion's data-source events) that a save is checked
// against: only data sources the workflow's owner may use.
export class Migration20261206090000Access extends Migration {
  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE workflows
      ADD COLUMN is_public BOOLEAN NOT NULL DEFAULT false,
      ADD COLUMN shared_with_users INTEGER[] NOT NULL DEFAULT '{}',
      ADD COLUMN owner_is_admin BOOLEAN NOT NULL DEFAULT false`);
    this.addSql(`CREATE INDEX idx_workflows_shared_with ON workflows USING GIN (shared_with_users)`);
    this.addSql(`CREATE TABLE data_source_access (
      data_source_id UUID PRIMARY KEY,
      owner_number INTEGER,
      usable_by_users INTEGER[] NOT NULL DEFAULT '{}',
      status VARCHAR(20) NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL
    )`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE data_source_access`);
    this.addSql(`DROP INDEX idx_workflows_shared_with`);
    this.addSql(`ALTER TABLE workflows DROP COLUMN owner_is_admin, DROP COLUMN shared_with_users, DROP COLUMN is_public`);
  }
}
