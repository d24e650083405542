import { Migration } from '@mikro-orm/migrations';

// Ingestion's projections. Errata applied: the missing flux table is `data_sources` (12), its
// credentials are stored encrypted and headers_sent is redacted (9), execution/stage ids are
// plain columns without cross-service FKs (11), content is deduplicated per flux by hash (13).
// Business ids (flux number, fetching_id, content_id, delivery number) come from sequences in
// the command and travel in the events, so a rebuild restores the same numbers; the SERIAL
// ids equal them.
export class Migration20261126090000Ingestion extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE data_sources (
      id SERIAL PRIMARY KEY,
      uuid UUID NOT NULL UNIQUE,
      name VARCHAR(200) NOT NULL,
      description TEXT,
      source_type VARCHAR(20) NOT NULL CHECK (source_type IN ('api', 'file', 'database', 'webhook')),
      config JSONB NOT NULL DEFAULT '{}',
      credentials_encrypted TEXT,
      credentials_set TEXT[] NOT NULL DEFAULT '{}',
      status VARCHAR(20) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
      version INTEGER NOT NULL DEFAULT 1,
      created_by INTEGER,
      updated_by INTEGER,
      created_at TIMESTAMPTZ NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL,
      archived_at TIMESTAMPTZ
    )`);
    this.addSql(`CREATE UNIQUE INDEX idx_data_sources_name_live ON data_sources (lower(name)) WHERE status = 'active'`);
    this.addSql(`CREATE INDEX idx_data_sources_type_status ON data_sources (source_type, status)`);

    this.addSql(`CREATE SEQUENCE fetching_id_seq`);
    this.addSql(`CREATE TABLE fetching_history (
      id INTEGER PRIMARY KEY,
      uuid UUID NOT NULL UNIQUE,
      fetching_id INTEGER NOT NULL UNIQUE,
      flux_id INTEGER NOT NULL,
      flux_ids UUID[] NOT NULL DEFAULT '{}',
      execution_id UUID,
      stage_id INTEGER,
      stage_order INTEGER,
      attempt INTEGER,
      status VARCHAR(20) NOT NULL DEFAULT 'Created' CHECK (status IN ('Created', 'InProgress', 'Success', 'Failed', 'Cancelled')),
      timestamp TIMESTAMPTZ NOT NULL,
      started_at TIMESTAMPTZ,
      completed_at TIMESTAMPTZ,
      fetching_time_seconds INTEGER,
      data_source_url TEXT,
      data_source_type VARCHAR(50),
      data_source_config JSONB,
      number_of_content INTEGER NOT NULL DEFAULT 0,
      total_size_bytes BIGINT NOT NULL DEFAULT 0,
      content_types JSONB,
      duplicates INTEGER NOT NULL DEFAULT 0,
      throughput_mbps DECIMAL(10,2),
      requests_per_second DECIMAL(10,2),
      average_response_time_ms INTEGER,
      error_message TEXT,
      error_count INTEGER NOT NULL DEFAULT 0,
      retry_attempts INTEGER NOT NULL DEFAULT 0,
      failed_items JSONB NOT NULL DEFAULT '[]',
      fetching_config JSONB,
      headers_sent JSONB,
      headers_received JSONB,
      created_at TIMESTAMPTZ NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL
    )`);
    // One record per stage attempt: a re-run of the same job cannot add a second.
    this.addSql(
      `CREATE UNIQUE INDEX idx_fetching_stage_attempt ON fetching_history (execution_id, stage_order, attempt) WHERE execution_id IS NOT NULL`,
    );
    this.addSql(`CREATE INDEX idx_fetching_flux_timestamp ON fetching_history (flux_id, timestamp DESC)`);
    this.addSql(
      `CREATE INDEX idx_fetching_status_completed ON fetching_history (status, completed_at DESC) WHERE completed_at IS NOT NULL`,
    );
    this.addSql(`CREATE INDEX idx_fetching_data_source ON fetching_history (data_source_type, data_source_url)`);
    this.addSql(`CREATE INDEX idx_fetching_size ON fetching_history (total_size_bytes DESC) WHERE total_size_bytes > 0`);
    this.addSql(`CREATE INDEX idx_fetching_performance ON fetching_history (throughput_mbps DESC) WHERE throughput_mbps IS NOT NULL`);

    this.addSql(`CREATE SEQUENCE content_id_seq`);
    this.addSql(`CREATE TABLE fetched_contents (
      id INTEGER PRIMARY KEY,
      uuid UUID NOT NULL UNIQUE,
      content_id INTEGER NOT NULL UNIQUE,
      fetching_id INTEGER NOT NULL REFERENCES fetching_history (fetching_id) ON DELETE CASCADE,
      flux_id INTEGER NOT NULL,
      flux_uuid UUID NOT NULL,
      content_name VARCHAR(500),
      content_type VARCHAR(100),
      file_extension VARCHAR(10),
      file_size_bytes BIGINT,
      mime_type VARCHAR(100),
      encoding VARCHAR(50),
      language VARCHAR(10),
      status VARCHAR(20) NOT NULL DEFAULT 'fetched' CHECK (status IN ('fetched', 'processing', 'processed', 'failed', 'archived')),
      processing_priority INTEGER NOT NULL DEFAULT 0,
      storage_path TEXT,
      storage_type VARCHAR(50) NOT NULL DEFAULT 'local',
      storage_metadata JSONB,
      content_hash VARCHAR(64) NOT NULL,
      content_preview TEXT,
      word_count INTEGER,
      page_count INTEGER,
      content_category VARCHAR(100),
      content_tags TEXT[],
      classification_confidence DECIMAL(5,2),
      is_encrypted BOOLEAN NOT NULL DEFAULT false,
      encryption_key_id VARCHAR(100),
      virus_scan_status VARCHAR(20),
      virus_scan_at TIMESTAMPTZ,
      access_level VARCHAR(20) NOT NULL DEFAULT 'internal',
      owner_user_id INTEGER,
      fetched_at TIMESTAMPTZ NOT NULL,
      processed_at TIMESTAMPTZ,
      last_accessed_at TIMESTAMPTZ,
      expires_at TIMESTAMPTZ,
      archived_at TIMESTAMPTZ,
      created_at TIMESTAMPTZ NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL,
      CONSTRAINT fetched_contents_flux_hash_unique UNIQUE (flux_id, content_hash)
    )`);
    this.addSql(`CREATE INDEX idx_content_fetching_type ON fetched_contents (fetching_id, content_type)`);
    this.addSql(`CREATE INDEX idx_content_status_priority ON fetched_contents (status, processing_priority DESC)`);
    this.addSql(`CREATE INDEX idx_content_flux_status ON fetched_contents (flux_id, status)`);
    this.addSql(`CREATE INDEX idx_content_hash ON fetched_contents (content_hash)`);
    this.addSql(`CREATE INDEX idx_content_size ON fetched_contents (file_size_bytes DESC) WHERE file_size_bytes IS NOT NULL`);

    // Which content each fetch saw (new or recognised): the content of an execution.
    this.addSql(`CREATE TABLE fetching_contents (
      fetching_id INTEGER NOT NULL REFERENCES fetching_history (fetching_id) ON DELETE CASCADE,
      content_id INTEGER NOT NULL REFERENCES fetched_contents (content_id) ON DELETE CASCADE,
      duplicate BOOLEAN NOT NULL,
      PRIMARY KEY (fetching_id, content_id)
    )`);
    this.addSql(`CREATE INDEX idx_fetching_contents_content ON fetching_contents (content_id)`);

    this.addSql(`CREATE SEQUENCE webhook_delivery_seq`);
    this.addSql(`CREATE TABLE webhook_deliveries (
      id INTEGER PRIMARY KEY,
      uuid UUID NOT NULL UNIQUE,
      flux_id INTEGER NOT NULL REFERENCES data_sources (id),
      content_hash VARCHAR(64) NOT NULL,
      size_bytes BIGINT NOT NULL,
      content_type VARCHAR(200),
      received_at TIMESTAMPTZ NOT NULL,
      consumed_by_fetching_id INTEGER
    )`);
    this.addSql(`CREATE INDEX idx_webhook_deliveries_pending ON webhook_deliveries (flux_id, id) WHERE consumed_by_fetching_id IS NULL`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE webhook_deliveries`);
    this.addSql(`DROP SEQUENCE webhook_delivery_seq`);
    this.addSql(`DROP TABLE fetching_contents`);
    this.addSql(`DROP TABLE fetched_contents`);
    this.addSql(`DROP SEQUENCE content_id_seq`);
    this.addSql(`DROP TABLE fetching_history`);
    this.addSql(`DROP SEQUENCE fetching_id_seq`);
    this.addSql(`DROP TABLE data_sources`);
  }
}
