import { Migration } from '@mikro-orm/migrations';
import { JOB_QUEUE_V1_SQL } from '@mindhill/persistence';

export class Migration20261126080000JobQueue extends Migration {
  override async up(): Promise<void> {
    for (const sql of JOB_QUEUE_V1_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE job`);
  }
}
