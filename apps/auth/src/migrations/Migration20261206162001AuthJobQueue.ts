import { Migration } from '@mikro-orm/migrations';
import { JOB_QUEUE_LIMITS_SQL, JOB_QUEUE_V1_SQL } from '@mindhill/persistence';

// Auth's durable job queue (ADR 0008), with attempt caps: first used by the daily session
// retention (issue 11).
export class Migration20261206162001AuthJobQueue extends Migration {
  override async up(): Promise<void> {
    for (const sql of [...JOB_QUEUE_V1_SQL, ...JOB_QUEUE_LIMITS_SQL]) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE job`);
  }
}
