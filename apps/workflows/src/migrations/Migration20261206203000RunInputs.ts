import { Migration } from '@mikro-orm/migrations';

// Declared run inputs on workflows (their versions keep them in `definition`), and one run per
// workflow and webhook delivery: the run's trigger is in execution_context, so a delivery event
// handled twice (a replayed dead letter under a new consumer) cannot start a second run.
export class Migration20261206203000RunInputs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE workflows ADD COLUMN inputs JSONB NOT NULL DEFAULT '[]'::jsonb`);
    this.addSql(
      `CREATE UNIQUE INDEX idx_executions_webhook_delivery ON workflow_executions(workflow_id, (execution_context #>> '{trigger,deliveryId}'))
       WHERE execution_context #>> '{trigger,kind}' = 'webhook'`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX idx_executions_webhook_delivery`);
    this.addSql(`ALTER TABLE workflows DROP COLUMN inputs`);
  }
}
