import { Migration } from '@mikro-orm/migrations';

// Data-source names are unique per owner, not platform-wide: a 409 on a name another user
// already took told the caller that a source it may not see exists.
export class Migration20261206100000NamePerOwner extends Migration {
  override async up(): Promise<void> {
    this.addSql('DROP INDEX IF EXISTS idx_data_sources_name_live');
    this.addSql(
      `CREATE UNIQUE INDEX idx_data_sources_owner_name_live ON data_sources (COALESCE(created_by, 0), lower(name)) WHERE status = 'active'`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('DROP INDEX IF EXISTS idx_data_sources_owner_name_live');
    this.addSql(`CREATE UNIQUE INDEX idx_data_sources_name_live ON data_sources (lower(name)) WHERE status = 'active'`);
  }
}
