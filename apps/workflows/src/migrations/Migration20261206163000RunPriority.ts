import { Migration } from '@mikro-orm/migrations';

// Runs wait for a slot in priority order: priority is bounded like the request and the contract
// (-100 to 100, the seed's DEFAULT 0), and the waiting runs (status Created) are read highest
// priority first, then by execution number (first come).
export class Migration20261206163000RunPriority extends Migration {
  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE workflow_executions ADD CONSTRAINT workflow_executions_priority_check CHECK (priority BETWEEN -100 AND 100)`);
    this.addSql(`CREATE INDEX idx_executions_waiting ON workflow_executions(priority DESC, id) WHERE status = 'Created'`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX idx_executions_waiting`);
    this.addSql(`ALTER TABLE workflow_executions DROP CONSTRAINT workflow_executions_priority_check`);
  }
}
