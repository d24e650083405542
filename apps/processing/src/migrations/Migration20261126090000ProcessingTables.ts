import { Migration } from '@mikro-orm/migrations';

// Processing's tables. processing_history is the seed table as a projection of
// processing.history.recorded (errata 11: fetching_id, flux_id, execution_id, stage_id are plain
// columns, no cross-service FK; execution_uuid/stage_order/attempt identify the stage run).
// source_content/execution_content are the read model of ingestion.content.fetched (not rebuilt
// from this service's events); content_stage_text and content_search are projections of
// processing.content.processed (text from its private field).
export class Migration20261126090000ProcessingTables extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE SEQUENCE processing_id_seq`);
    this.addSql(`CREATE TABLE processing_history (
      id INTEGER PRIMARY KEY,
      uuid UUID NOT NULL UNIQUE,
      processing_id INTEGER NOT NULL,
      fetching_id INTEGER,
      flux_id INTEGER,
      flux_uuid UUID,
      execution_id INTEGER,
      execution_uuid UUID NOT NULL,
      workflow_uuid UUID NOT NULL,
      stage_id INTEGER,
      stage_order INTEGER NOT NULL,
      attempt INTEGER NOT NULL,
      stage_name VARCHAR(100) NOT NULL,
      status VARCHAR(20) NOT NULL DEFAULT 'Created' CHECK (status IN ('Created', 'InProgress', 'Success', 'Failed', 'Cancelled')),
      timestamp TIMESTAMPTZ NOT NULL,
      started_at TIMESTAMPTZ,
      completed_at TIMESTAMPTZ,
      processing_time_seconds INTEGER,
      processing_type VARCHAR(50),
      processing_algorithm VARCHAR(100),
      processing_config JSONB,
      number_of_processing_content INTEGER NOT NULL DEFAULT 0,
      content_processed INTEGER NOT NULL DEFAULT 0,
      content_successful INTEGER NOT NULL DEFAULT 0,
      content_failed INTEGER NOT NULL DEFAULT 0,
      items_per_second DECIMAL(10,2),
      memory_usage_peak_mb INTEGER,
      cpu_utilization_percentage DECIMAL(5,2),
      accuracy_score DECIMAL(5,2),
      confidence_score DECIMAL(5,2),
      quality_metrics JSONB,
      error_message TEXT,
      error_details JSONB,
      failed_items JSONB,
      processing_metadata JSONB,
      input_hash VARCHAR(64),
      output_hash VARCHAR(64),
      created_at TIMESTAMPTZ NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL,
      CONSTRAINT processing_history_stage_run_unique UNIQUE (execution_uuid, stage_order, attempt)
    )`);
    this.addSql(`CREATE UNIQUE INDEX idx_processing_id_unique ON processing_history(processing_id)`);
    this.addSql(`CREATE INDEX idx_processing_fetching_timestamp ON processing_history(fetching_id, timestamp DESC)`);
    this.addSql(`CREATE INDEX idx_processing_flux_type ON processing_history(flux_id, processing_type)`);
    this.addSql(`CREATE INDEX idx_processing_status_timing ON processing_history(status, completed_at DESC)`);
    this.addSql(`CREATE INDEX idx_processing_execution ON processing_history(execution_id) WHERE execution_id IS NOT NULL`);
    this.addSql(`CREATE INDEX idx_processing_execution_uuid ON processing_history(execution_uuid, stage_order, attempt)`);
    this.addSql(`CREATE INDEX idx_processing_performance ON processing_history(items_per_second DESC) WHERE items_per_second IS NOT NULL`);
    this.addSql(`CREATE INDEX idx_processing_quality ON processing_history(accuracy_score DESC, confidence_score DESC)`);
    this.addSql(`CREATE INDEX idx_processing_algorithm ON processing_history(processing_algorithm, processing_type)`);

    this.addSql(`CREATE TABLE source_content (
      content_id UUID PRIMARY KEY,
      content_number INTEGER,
      flux_id UUID NOT NULL,
      flux_number INTEGER,
      fetching_id INTEGER,
      name TEXT NOT NULL,
      mime_type VARCHAR(255),
      extension VARCHAR(50),
      size_bytes BIGINT NOT NULL,
      sha256 CHAR(64) NOT NULL,
      encoding VARCHAR(50),
      language VARCHAR(20),
      storage_key TEXT NOT NULL,
      fetched_at TIMESTAMPTZ NOT NULL,
      received_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    this.addSql(`CREATE TABLE execution_content (
      execution_id UUID NOT NULL,
      content_id UUID NOT NULL REFERENCES source_content(content_id),
      fetching_id INTEGER,
      stage_order INTEGER,
      duplicate BOOLEAN NOT NULL DEFAULT false,
      received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (execution_id, content_id)
    )`);

    this.addSql(`CREATE TABLE content_stage_text (
      execution_id UUID NOT NULL,
      content_id UUID NOT NULL,
      stage_order INTEGER NOT NULL,
      processing_type VARCHAR(50) NOT NULL,
      processing_id INTEGER NOT NULL,
      flux_id UUID NOT NULL,
      format VARCHAR(20) NOT NULL,
      text TEXT NOT NULL,
      text_sha256 CHAR(64) NOT NULL,
      language VARCHAR(20),
      category VARCHAR(100),
      tags TEXT[] NOT NULL DEFAULT '{}',
      confidence NUMERIC(6,4),
      keywords TEXT[] NOT NULL DEFAULT '{}',
      summary TEXT,
      duplicate_of UUID,
      word_count INTEGER NOT NULL,
      processed_at TIMESTAMPTZ NOT NULL,
      PRIMARY KEY (execution_id, content_id, stage_order)
    )`);

    this.addSql(`CREATE TABLE content_search (
      content_id UUID PRIMARY KEY,
      content_number INTEGER,
      flux_id UUID NOT NULL,
      execution_id UUID NOT NULL,
      stage_order INTEGER NOT NULL,
      processing_type VARCHAR(50) NOT NULL,
      name TEXT NOT NULL,
      mime_type VARCHAR(255),
      language VARCHAR(20),
      ts_config VARCHAR(20) NOT NULL,
      category VARCHAR(100),
      tags TEXT[] NOT NULL DEFAULT '{}',
      text TEXT NOT NULL,
      text_sha256 CHAR(64) NOT NULL,
      -- Hash of the text after NFKC, case folding and whitespace collapse: what duplicates share.
      dup_key CHAR(64) NOT NULL,
      search_vector TSVECTOR NOT NULL,
      processed_at TIMESTAMPTZ NOT NULL
    )`);
    this.addSql(`CREATE INDEX idx_content_search_vector ON content_search USING GIN (search_vector)`);
    this.addSql(`CREATE INDEX idx_content_search_flux_dup ON content_search(flux_id, dup_key)`);
    this.addSql(`CREATE INDEX idx_content_search_category ON content_search(category)`);
    this.addSql(`CREATE INDEX idx_content_search_tags ON content_search USING GIN (tags)`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE content_search`);
    this.addSql(`DROP TABLE content_stage_text`);
    this.addSql(`DROP TABLE execution_content`);
    this.addSql(`DROP TABLE source_content`);
    this.addSql(`DROP TABLE processing_history`);
    this.addSql(`DROP SEQUENCE processing_id_seq`);
  }
}
