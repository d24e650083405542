import { Migration } from '@mikro-orm/migrations';

// A cancelled run's in-flight stage now ends 'Cancelled' (it was marked 'Failed'), so the stage
// status CHECK admits it. Down turns such rows back into 'Failed' before restoring the old CHECK.
export class Migration20261206150000StageCancelled extends Migration {
  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE execution_stages DROP CONSTRAINT execution_stages_status_check`);
    this.addSql(`ALTER TABLE execution_stages ADD CONSTRAINT execution_stages_status_check
      CHECK (status IN ('Created', 'InProgress', 'Success', 'Failed', 'Skipped', 'Cancelled'))`);
  }

  override async down(): Promise<void> {
    this.addSql(`UPDATE execution_stages SET status = 'Failed' WHERE status = 'Cancelled'`);
    this.addSql(`ALTER TABLE execution_stages DROP CONSTRAINT execution_stages_status_check`);
    this.addSql(`ALTER TABLE execution_stages ADD CONSTRAINT execution_stages_status_check
      CHECK (status IN ('Created', 'InProgress', 'Success', 'Failed', 'Skipped'))`);
  }
}
