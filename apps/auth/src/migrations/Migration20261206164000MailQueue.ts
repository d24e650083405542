import { Migration } from '@mikro-orm/migrations';
import {
  JOB_QUEUE_LIMITS_DOWN_SQL,
  JOB_QUEUE_LIMITS_SQL,
  JOB_QUEUE_V1_SQL,
  WORKFLOW_ACCESS_V1_DOWN_SQL,
  WORKFLOW_ACCESS_V1_SQL,
} from '@mindhill/persistence';

// Auth's durable job queue, where its mails wait (ADR 0018), with the attempt caps and retention
// of every service's queue (ADR 0008); and workflow_access, the workflows' owners from the
// workflow events, to whom a failed run's notice goes.
export class Migration20261206164000MailQueue extends Migration {
  override async up(): Promise<void> {
    for (const sql of [...JOB_QUEUE_V1_SQL, ...JOB_QUEUE_LIMITS_SQL, ...WORKFLOW_ACCESS_V1_SQL]) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of [...WORKFLOW_ACCESS_V1_DOWN_SQL, ...JOB_QUEUE_LIMITS_DOWN_SQL]) this.addSql(sql);
    this.addSql(`DROP TABLE job`);
  }
}
