import { Migration } from '@mikro-orm/migrations';

// The reruns of a run are found by their trigger (execution_context.trigger.executionId): an
// execution's answer lists them.
export class Migration20261206213000RerunOf extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `CREATE INDEX idx_executions_rerun_of ON workflow_executions((execution_context #>> '{trigger,executionId}'))
       WHERE execution_context #>> '{trigger,kind}' = 'rerun'`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX idx_executions_rerun_of`);
  }
}
