import { Migration } from '@mikro-orm/migrations';

// The seed's flux_reports and report_executions as projections of the reporting events, with
// the errata applied: created_by / trigger_user_id are plain integers (users live in the auth
// database, 11); no enum types (17); timestamps with time zone. Ids come from the sequences but
// are written into the events, so a rebuild restores them. Changes to the seed, on purpose:
// generation times are NUMERIC seconds (an INTEGER rounds every small report to 0);
// output_file_path is relative to REPORT_OUTPUT_DIR; the trigram name index needs pg_trgm,
// which is not installed everywhere, so the name search uses lower(report_name) instead.
export class Migration20261126090000Reports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE flux_reports (
      id SERIAL PRIMARY KEY,
      uuid UUID NOT NULL UNIQUE,
      report_name VARCHAR(200) NOT NULL,
      report_description TEXT,
      report_type VARCHAR(50) NOT NULL CHECK (report_type IN ('summary', 'detailed', 'custom', 'scheduled')),
      category VARCHAR(100),
      report_config JSONB NOT NULL DEFAULT '{}',
      data_sources JSONB,
      filters JSONB,
      grouping JSONB,
      sorting JSONB,
      is_scheduled BOOLEAN NOT NULL DEFAULT false,
      schedule_cron VARCHAR(100),
      schedule_timezone VARCHAR(50) NOT NULL DEFAULT 'UTC',
      next_run_at TIMESTAMPTZ,
      output_formats TEXT[] NOT NULL DEFAULT ARRAY['json'],
      email_recipients TEXT[],
      webhook_url TEXT,
      created_by INTEGER,
      shared_with_users INTEGER[] NOT NULL DEFAULT ARRAY[]::INTEGER[],
      is_public BOOLEAN NOT NULL DEFAULT false,
      status VARCHAR(20) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'archived')),
      run_count INTEGER NOT NULL DEFAULT 0,
      last_run_at TIMESTAMPTZ,
      last_run_status VARCHAR(20),
      average_generation_time_seconds NUMERIC(12,3),
      created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
      updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
      archived_at TIMESTAMPTZ
    )`);
    this.addSql(`CREATE INDEX idx_reports_name_search ON flux_reports(lower(report_name))`);
    this.addSql(`CREATE INDEX idx_reports_category_status ON flux_reports(category, status)`);
    this.addSql(`CREATE INDEX idx_reports_created_by ON flux_reports(created_by, created_at DESC)`);
    this.addSql(`CREATE INDEX idx_reports_scheduled ON flux_reports(is_scheduled, next_run_at) WHERE is_scheduled = true`);
    this.addSql(`CREATE INDEX idx_reports_public ON flux_reports(is_public, status) WHERE is_public = true`);
    this.addSql(`CREATE INDEX idx_reports_type ON flux_reports(report_type, status)`);
    this.addSql(`CREATE INDEX idx_reports_last_run ON flux_reports(last_run_at DESC) WHERE last_run_at IS NOT NULL`);
    this.addSql(`CREATE INDEX idx_reports_created_keyset ON flux_reports(created_at DESC, id DESC)`);

    this.addSql(`CREATE TABLE report_executions (
      id SERIAL PRIMARY KEY,
      uuid UUID NOT NULL UNIQUE,
      report_id INTEGER NOT NULL REFERENCES flux_reports(id) ON DELETE CASCADE,
      execution_name VARCHAR(200),
      status VARCHAR(20) NOT NULL DEFAULT 'Created' CHECK (status IN ('Created', 'InProgress', 'Success', 'Failed', 'Cancelled')),
      triggered_by VARCHAR(50) NOT NULL DEFAULT 'manual' CHECK (triggered_by IN ('manual', 'schedule', 'api')),
      trigger_user_id INTEGER,
      started_at TIMESTAMPTZ,
      completed_at TIMESTAMPTZ,
      generation_time_seconds NUMERIC(12,3),
      report_config JSONB,
      filters_applied JSONB,
      date_range JSONB,
      output_format VARCHAR(20),
      output_file_path TEXT,
      output_file_size_bytes BIGINT,
      output_url TEXT,
      records_processed INTEGER NOT NULL DEFAULT 0,
      data_points_included INTEGER NOT NULL DEFAULT 0,
      charts_generated INTEGER NOT NULL DEFAULT 0,
      query_time_seconds NUMERIC(10,3),
      render_time_seconds NUMERIC(10,3),
      memory_usage_mb INTEGER,
      error_message TEXT,
      error_details JSONB,
      warnings JSONB,
      email_sent_at TIMESTAMPTZ,
      email_recipients TEXT[],
      webhook_called_at TIMESTAMPTZ,
      webhook_response_code INTEGER,
      created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
      updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
    )`);
    this.addSql(`CREATE INDEX idx_report_executions_report_started ON report_executions(report_id, created_at DESC, id DESC)`);
    this.addSql(`CREATE INDEX idx_report_executions_status_created ON report_executions(status, created_at DESC)`);
    this.addSql(`CREATE INDEX idx_report_executions_trigger ON report_executions(triggered_by, trigger_user_id)`);
    this.addSql(`CREATE INDEX idx_report_executions_performance ON report_executions(generation_time_seconds DESC)`);
    this.addSql(
      `CREATE INDEX idx_report_executions_size ON report_executions(output_file_size_bytes DESC) WHERE output_file_size_bytes IS NOT NULL`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE report_executions`);
    this.addSql(`DROP TABLE flux_reports`);
  }
}
