import { Migration } from '@mikro-orm/migrations';
import { WORKFLOW_ACCESS_V1_DOWN_SQL, WORKFLOW_ACCESS_V1_SQL } from '@mindhill/persistence';

// workflow_access: processing history and search hits follow the workflow whose execution
// processed them (its owner and sharing come from the workflow events).
export class Migration20261206090000WorkflowAccess extends Migration {
  override async up(): Promise<void> {
    for (const sql of WORKFLOW_ACCESS_V1_SQL) this.addSql(sql);
    this.addSql(`CREATE INDEX idx_processing_workflow_uuid ON processing_history(workflow_uuid)`);
    this.addSql(`CREATE INDEX idx_execution_content_content ON execution_content(content_id)`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX idx_execution_content_content`);
    this.addSql(`DROP INDEX idx_processing_workflow_uuid`);
    for (const sql of WORKFLOW_ACCESS_V1_DOWN_SQL) this.addSql(sql);
  }
}
