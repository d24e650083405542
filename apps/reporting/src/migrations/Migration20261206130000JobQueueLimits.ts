import { Migration } from '@mikro-orm/migrations';
import { JOB_QUEUE_LIMITS_DOWN_SQL, JOB_QUEUE_LIMITS_SQL } from '@mindhill/persistence';

// Dead jobs (attempt caps) and the index the retention sweep deletes old jobs by (ADR 0008).
export class Migration20261206130000JobQueueLimits extends Migration {
  override async up(): Promise<void> {
    for (const sql of JOB_QUEUE_LIMITS_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of JOB_QUEUE_LIMITS_DOWN_SQL) this.addSql(sql);
  }
}
