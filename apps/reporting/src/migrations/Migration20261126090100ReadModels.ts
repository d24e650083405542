import { Migration } from '@mikro-orm/migrations';

// Local read models of other services' events (workflows executions and calculation outputs,
// ingestion contents, processing results). Every column an event may not have delivered yet is
// nullable: events arrive in any order and each one upserts the part it knows.
export class Migration20261126090100ReadModels extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE rm_execution (
      execution_id UUID PRIMARY KEY,
      execution_number INTEGER,
      workflow_id UUID,
      workflow_number INTEGER,
      workflow_name VARCHAR(200),
      workflow_version INTEGER,
      run_number INTEGER,
      triggered_by VARCHAR(20),
      status VARCHAR(20),
      created_at TIMESTAMPTZ,
      started_at TIMESTAMPTZ,
      completed_at TIMESTAMPTZ,
      duration_minutes DOUBLE PRECISION,
      content_processed INTEGER,
      bytes_processed BIGINT,
      stages_completed INTEGER,
      error_code VARCHAR(100),
      error_message TEXT
    )`);
    this.addSql(`CREATE INDEX idx_rm_execution_workflow ON rm_execution(workflow_id, created_at)`);

    this.addSql(`CREATE TABLE rm_calculation (
      execution_id UUID NOT NULL,
      stage_order INTEGER NOT NULL,
      field VARCHAR(200) NOT NULL,
      count DOUBLE PRECISION,
      sum DOUBLE PRECISION,
      mean DOUBLE PRECISION,
      min DOUBLE PRECISION,
      max DOUBLE PRECISION,
      p50 DOUBLE PRECISION,
      p95 DOUBLE PRECISION,
      workflow_id UUID NOT NULL,
      completed_at TIMESTAMPTZ NOT NULL,
      PRIMARY KEY (execution_id, stage_order, field)
    )`);

    // One row per content item per execution (a recognised re-fetch in a later run is the same
    // content in another execution). Fetches outside an execution use the nil uuid.
    this.addSql(`CREATE TABLE rm_content (
      content_id UUID NOT NULL,
      execution_id UUID NOT NULL,
      content_number INTEGER,
      flux_id UUID,
      flux_number INTEGER,
      name TEXT,
      mime_type VARCHAR(200),
      extension VARCHAR(50),
      size_bytes BIGINT,
      sha256 CHAR(64),
      word_count INTEGER,
      duplicate BOOLEAN,
      fetched_at TIMESTAMPTZ,
      language VARCHAR(50),
      category VARCHAR(200),
      tags TEXT[],
      keywords TEXT[],
      summary TEXT,
      confidence DOUBLE PRECISION,
      processed_stage_order INTEGER,
      processed_at TIMESTAMPTZ,
      PRIMARY KEY (content_id, execution_id)
    )`);
    this.addSql(`CREATE INDEX idx_rm_content_execution ON rm_content(execution_id)`);
    this.addSql(`CREATE INDEX idx_rm_content_flux ON rm_content(flux_id)`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE rm_content`);
    this.addSql(`DROP TABLE rm_calculation`);
    this.addSql(`DROP TABLE rm_execution`);
  }
}
