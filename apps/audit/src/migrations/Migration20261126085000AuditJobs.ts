import { Migration } from '@mikro-orm/migrations';
import { JOB_QUEUE_V1_SQL } from '@mindhill/persistence';

// The job queue, for the daily retention run.
export class Migration20261126085000AuditJobs extends Migration {
  override async up(): Promise<void> {
    for (const sql of JOB_QUEUE_V1_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE job`);
  }
}
