import { Migration } from '@mikro-orm/migrations';
import { WORKFLOW_ACCESS_V1_DOWN_SQL, WORKFLOW_ACCESS_V1_SQL } from '@mindhill/persistence';

// A report reads only the rows of workflows its owner may see: workflow_access (from the
// workflow events) says who may see which workflow; owner_is_admin says whether the report's
// owner created it as an admin (then everything).
export class Migration20261206090000Access extends Migration {
  override async up(): Promise<void> {
    for (const sql of WORKFLOW_ACCESS_V1_SQL) this.addSql(sql);
    this.addSql(`ALTER TABLE flux_reports ADD COLUMN owner_is_admin BOOLEAN NOT NULL DEFAULT false`);
  }

  override async down(): Promise<void> {
    this.addSql(`ALTER TABLE flux_reports DROP COLUMN owner_is_admin`);
    for (const sql of WORKFLOW_ACCESS_V1_DOWN_SQL) this.addSql(sql);
  }
}
