import { Migration } from '@mikro-orm/migrations';

// Report-file retention (issue 11): when a run's rendered file was deleted (the run is kept and
// its download answers 410), and the index the retention run finds old files by.
export class Migration20261206162000ReportFileExpiry extends Migration {
  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE report_executions ADD COLUMN output_file_expired_at TIMESTAMPTZ`);
    this.addSql(
      `CREATE INDEX idx_report_executions_file_retention ON report_executions (completed_at)
         WHERE output_file_path IS NOT NULL AND output_file_expired_at IS NULL`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX idx_report_executions_file_retention`);
    this.addSql(`ALTER TABLE report_executions DROP COLUMN output_file_expired_at`);
  }
}
