import { Migration } from '@mikro-orm/migrations';

// The seed's workflows, workflow_executions and execution_stages as projections of the workflow
// and execution streams, with the errata applied: executions pin the workflow version and its
// configuration hash (14) and have archived_at (3); schedules carry an IANA zone (15); plain
// indexes where the seed used non-immutable predicates (2); one CHECK per status, no ENUM types
// (17); user ids are plain columns (11). Every update of a workflow is kept as an immutable row
// in workflow_versions.
export class Migration20261126081000Workflows extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    this.addSql(`CREATE TABLE workflows (
      id SERIAL PRIMARY KEY,
      uuid UUID NOT NULL UNIQUE,
      name VARCHAR(200) NOT NULL,
      description TEXT,
      status VARCHAR(20) NOT NULL DEFAULT 'inactive' CHECK (status IN ('active', 'inactive', 'archived')),
      configuration JSONB NOT NULL DEFAULT '{}',
      configuration_hash VARCHAR(64) NOT NULL,
      schedule_cron VARCHAR(100),
      schedule_timezone VARCHAR(64) NOT NULL DEFAULT 'UTC',
      timeout_minutes INTEGER NOT NULL DEFAULT 60,
      max_retries INTEGER NOT NULL DEFAULT 3,
      category VARCHAR(50),
      tags TEXT[] NOT NULL DEFAULT '{}',
      version INTEGER NOT NULL DEFAULT 1,
      is_template BOOLEAN NOT NULL DEFAULT false,
      template_name VARCHAR(100),
      created_by INTEGER,
      updated_by INTEGER,
      parent_workflow_id INTEGER REFERENCES workflows(id) ON DELETE SET NULL,
      total_executions INTEGER NOT NULL DEFAULT 0,
      successful_executions INTEGER NOT NULL DEFAULT 0,
      failed_executions INTEGER NOT NULL DEFAULT 0,
      last_execution_at TIMESTAMPTZ,
      average_duration_minutes DECIMAL(10,2),
      created_at TIMESTAMPTZ NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL,
      archived_at TIMESTAMPTZ
    )`);
    this.addSql(`CREATE UNIQUE INDEX idx_workflows_template_name ON workflows(template_name) WHERE is_template = true`);
    this.addSql(`CREATE INDEX idx_workflows_status_updated ON workflows(status, updated_at DESC)`);
    this.addSql(`CREATE INDEX idx_workflows_name_trgm ON workflows USING gin(name gin_trgm_ops)`);
    this.addSql(`CREATE INDEX idx_workflows_created_by ON workflows(created_by) WHERE created_by IS NOT NULL`);
    this.addSql(`CREATE INDEX idx_workflows_category ON workflows(category) WHERE category IS NOT NULL`);
    this.addSql(`CREATE INDEX idx_workflows_tags ON workflows USING gin(tags)`);
    this.addSql(`CREATE INDEX idx_workflows_parent ON workflows(parent_workflow_id) WHERE parent_workflow_id IS NOT NULL`);
    this.addSql(`CREATE INDEX idx_workflows_schedule ON workflows(schedule_cron, status) WHERE schedule_cron IS NOT NULL`);
    this.addSql(`CREATE INDEX idx_workflows_last_execution ON workflows(last_execution_at DESC) WHERE last_execution_at IS NOT NULL`);

    this.addSql(`CREATE TABLE workflow_versions (
      workflow_id INTEGER NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
      version INTEGER NOT NULL,
      definition JSONB NOT NULL,
      configuration_hash VARCHAR(64) NOT NULL,
      created_by INTEGER,
      created_at TIMESTAMPTZ NOT NULL,
      PRIMARY KEY (workflow_id, version)
    )`);

    this.addSql(`CREATE TABLE workflow_executions (
      id SERIAL PRIMARY KEY,
      uuid UUID NOT NULL UNIQUE,
      workflow_id INTEGER NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
      workflow_version INTEGER NOT NULL,
      configuration_hash VARCHAR(64) NOT NULL,
      run_number INTEGER NOT NULL,
      status VARCHAR(20) NOT NULL DEFAULT 'Created' CHECK (status IN ('Created', 'InProgress', 'Success', 'Failed', 'Cancelled', 'Timeout')),
      priority INTEGER NOT NULL DEFAULT 0,
      scheduled_at TIMESTAMPTZ,
      started_at TIMESTAMPTZ,
      completed_at TIMESTAMPTZ,
      deadline_at TIMESTAMPTZ,
      duration_minutes DECIMAL(10,2),
      current_stage VARCHAR(50),
      current_stage_order INTEGER NOT NULL DEFAULT 0,
      current_attempt INTEGER NOT NULL DEFAULT 0,
      total_stages INTEGER NOT NULL DEFAULT 0,
      stages_completed INTEGER NOT NULL DEFAULT 0,
      progress_percentage DECIMAL(5,2) NOT NULL DEFAULT 0.00,
      memory_usage_mb INTEGER,
      cpu_usage_percentage DECIMAL(5,2),
      content_processed INTEGER NOT NULL DEFAULT 0,
      bytes_processed BIGINT NOT NULL DEFAULT 0,
      error_message TEXT,
      error_code VARCHAR(50),
      error_stack TEXT,
      retry_count INTEGER NOT NULL DEFAULT 0,
      triggered_by VARCHAR(50) NOT NULL DEFAULT 'manual' CHECK (triggered_by IN ('manual', 'schedule', 'api', 'webhook')),
      trigger_user_id INTEGER,
      environment_info JSONB,
      execution_context JSONB,
      parent_execution_id INTEGER REFERENCES workflow_executions(id) ON DELETE SET NULL,
      created_at TIMESTAMPTZ NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL,
      archived_at TIMESTAMPTZ
    )`);
    this.addSql(`CREATE UNIQUE INDEX idx_executions_workflow_run_number ON workflow_executions(workflow_id, run_number)`);
    this.addSql(`CREATE INDEX idx_executions_workflow_started ON workflow_executions(workflow_id, started_at DESC)`);
    this.addSql(`CREATE INDEX idx_executions_status_created ON workflow_executions(status, created_at DESC)`);
    this.addSql(`CREATE INDEX idx_executions_scheduled ON workflow_executions(scheduled_at) WHERE scheduled_at IS NOT NULL`);
    this.addSql(`CREATE INDEX idx_executions_duration ON workflow_executions(duration_minutes) WHERE duration_minutes IS NOT NULL`);
    this.addSql(`CREATE INDEX idx_executions_triggered_by ON workflow_executions(triggered_by, trigger_user_id)`);
    this.addSql(`CREATE INDEX idx_executions_parent ON workflow_executions(parent_execution_id) WHERE parent_execution_id IS NOT NULL`);
    this.addSql(`CREATE INDEX idx_executions_error ON workflow_executions(status, error_code) WHERE status = 'Failed'`);
    this.addSql(
      `CREATE INDEX idx_active_executions ON workflow_executions(workflow_id, started_at DESC) WHERE status IN ('Created', 'InProgress')`,
    );
    this.addSql(`CREATE INDEX idx_recent_executions ON workflow_executions(started_at DESC)`);
    this.addSql(
      `CREATE INDEX idx_workflow_execution_summary_stats ON workflow_executions(workflow_id, status, duration_minutes, content_processed)`,
    );

    this.addSql(`CREATE TABLE execution_stages (
      id SERIAL PRIMARY KEY,
      execution_id INTEGER NOT NULL REFERENCES workflow_executions(id) ON DELETE CASCADE,
      stage_name VARCHAR(100) NOT NULL,
      stage_type VARCHAR(50) NOT NULL CHECK (stage_type IN ('fetching', 'processing', 'normalization', 'refinement', 'calculation', 'analysis')),
      stage_order INTEGER NOT NULL,
      status VARCHAR(20) NOT NULL DEFAULT 'Created' CHECK (status IN ('Created', 'InProgress', 'Success', 'Failed', 'Skipped')),
      attempt INTEGER NOT NULL DEFAULT 0,
      timeout_seconds INTEGER NOT NULL,
      deadline_at TIMESTAMPTZ,
      started_at TIMESTAMPTZ,
      completed_at TIMESTAMPTZ,
      duration_seconds INTEGER,
      items_to_process INTEGER NOT NULL DEFAULT 0,
      items_processed INTEGER NOT NULL DEFAULT 0,
      items_successful INTEGER NOT NULL DEFAULT 0,
      items_failed INTEGER NOT NULL DEFAULT 0,
      progress_percentage DECIMAL(5,2) NOT NULL DEFAULT 0.00,
      throughput_per_second DECIMAL(10,2),
      memory_usage_mb INTEGER,
      cpu_usage_percentage DECIMAL(5,2),
      stage_configuration JSONB,
      stage_output JSONB,
      stage_metadata JSONB,
      error_message TEXT,
      error_details JSONB,
      retry_count INTEGER NOT NULL DEFAULT 0,
      depends_on_stage_id INTEGER REFERENCES execution_stages(id) ON DELETE SET NULL,
      created_at TIMESTAMPTZ NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL
    )`);
    this.addSql(`CREATE UNIQUE INDEX idx_stages_execution_order_unique ON execution_stages(execution_id, stage_order)`);
    this.addSql(`CREATE INDEX idx_stages_status_timing ON execution_stages(status, started_at DESC)`);
    this.addSql(`CREATE INDEX idx_stages_type_status ON execution_stages(stage_type, status)`);
    this.addSql(`CREATE INDEX idx_stages_duration ON execution_stages(duration_seconds DESC) WHERE duration_seconds IS NOT NULL`);

    this.addSql(`CREATE VIEW workflow_execution_summary AS
      SELECT w.id AS workflow_id, w.uuid AS workflow_uuid, w.name AS workflow_name, w.status AS workflow_status,
             COUNT(we.id) AS total_executions,
             COUNT(CASE WHEN we.status = 'Success' THEN 1 END) AS successful_executions,
             COUNT(CASE WHEN we.status = 'Failed' THEN 1 END) AS failed_executions,
             COUNT(CASE WHEN we.status = 'InProgress' THEN 1 END) AS active_executions,
             ROUND((COUNT(CASE WHEN we.status = 'Success' THEN 1 END)::DECIMAL / NULLIF(COUNT(we.id), 0) * 100), 2) AS success_rate_percentage,
             AVG(we.duration_minutes) AS avg_duration_minutes,
             MIN(we.duration_minutes) AS min_duration_minutes,
             MAX(we.duration_minutes) AS max_duration_minutes,
             MAX(we.started_at) AS last_execution_at,
             SUM(we.content_processed) AS total_content_processed,
             AVG(we.content_processed) AS avg_content_per_execution
        FROM workflows w
        LEFT JOIN workflow_executions we ON w.id = we.workflow_id
       WHERE w.archived_at IS NULL
       GROUP BY w.id, w.uuid, w.name, w.status`);
    this.addSql(`CREATE VIEW daily_execution_metrics AS
      SELECT DATE(we.started_at) AS execution_date,
             COUNT(*) AS total_executions,
             COUNT(CASE WHEN we.status = 'Success' THEN 1 END) AS successful_executions,
             COUNT(CASE WHEN we.status = 'Failed' THEN 1 END) AS failed_executions,
             AVG(we.duration_minutes) AS avg_duration_minutes,
             SUM(we.content_processed) AS total_content_processed,
             COUNT(DISTINCT we.workflow_id) AS unique_workflows_executed,
             AVG(CASE WHEN we.status = 'Success' THEN we.duration_minutes END) AS avg_successful_duration,
             AVG(CASE WHEN we.status = 'Failed' THEN we.duration_minutes END) AS avg_failed_duration
        FROM workflow_executions we
       WHERE we.started_at IS NOT NULL AND we.started_at >= CURRENT_DATE - INTERVAL '90 days'
       GROUP BY DATE(we.started_at)
       ORDER BY execution_date DESC`);
    // Errata 6: both branches of the UNION return entity_id as text.
    this.addSql(`CREATE VIEW performance_metrics AS
      SELECT 'workflow' AS metric_type, w.id::TEXT AS entity_id, w.name::TEXT AS entity_name,
             COUNT(we.id) AS execution_count, AVG(we.duration_minutes) AS avg_duration,
             PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY we.duration_minutes) AS p95_duration,
             AVG(we.content_processed) AS avg_throughput, STDDEV(we.duration_minutes) AS duration_stddev,
             MAX(we.started_at) AS last_execution
        FROM workflows w JOIN workflow_executions we ON w.id = we.workflow_id
       WHERE we.completed_at IS NOT NULL AND w.archived_at IS NULL
       GROUP BY w.id, w.name
      UNION ALL
      SELECT 'stage' AS metric_type, es.stage_type::TEXT AS entity_id, es.stage_type::TEXT AS entity_name,
             COUNT(es.id), AVG(es.duration_seconds / 60.0),
             PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY es.duration_seconds / 60.0),
             AVG(es.items_processed), STDDEV(es.duration_seconds / 60.0), MAX(es.started_at)
        FROM execution_stages es
       WHERE es.completed_at IS NOT NULL
       GROUP BY es.stage_type`);
    this.addSql(`CREATE FUNCTION get_workflow_statistics(p_workflow_id INTEGER, p_date_from DATE DEFAULT NULL, p_date_to DATE DEFAULT NULL)
      RETURNS TABLE (
        total_executions INTEGER, successful_executions INTEGER, failed_executions INTEGER, success_rate DECIMAL(5,2),
        avg_duration_minutes DECIMAL(10,2), median_duration_minutes DECIMAL(10,2), total_content_processed BIGINT,
        avg_content_per_execution DECIMAL(10,2), last_execution_date TIMESTAMPTZ, trend_direction VARCHAR(10)
      ) LANGUAGE plpgsql AS $$
      DECLARE
        date_filter_start DATE := COALESCE(p_date_from, CURRENT_DATE - INTERVAL '30 days');
        date_filter_end DATE := COALESCE(p_date_to, CURRENT_DATE);
        prev_period_start DATE := date_filter_start - (date_filter_end - date_filter_start);
        prev_success_rate DECIMAL(5,2);
        current_success_rate DECIMAL(5,2);
      BEGIN
        SELECT COUNT(*)::INTEGER,
               COUNT(CASE WHEN we.status = 'Success' THEN 1 END)::INTEGER,
               COUNT(CASE WHEN we.status = 'Failed' THEN 1 END)::INTEGER,
               ROUND((COUNT(CASE WHEN we.status = 'Success' THEN 1 END)::DECIMAL / NULLIF(COUNT(*), 0) * 100), 2),
               ROUND(AVG(we.duration_minutes), 2),
               ROUND((PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY we.duration_minutes))::NUMERIC, 2),
               COALESCE(SUM(we.content_processed), 0),
               ROUND(AVG(we.content_processed), 2),
               MAX(we.started_at)
          INTO total_executions, successful_executions, failed_executions, current_success_rate, avg_duration_minutes,
               median_duration_minutes, total_content_processed, avg_content_per_execution, last_execution_date
          FROM workflow_executions we
         WHERE we.workflow_id = p_workflow_id AND DATE(we.started_at) BETWEEN date_filter_start AND date_filter_end;
        success_rate := current_success_rate;
        SELECT ROUND((COUNT(CASE WHEN we.status = 'Success' THEN 1 END)::DECIMAL / NULLIF(COUNT(*), 0) * 100), 2)
          INTO prev_success_rate
          FROM workflow_executions we
         WHERE we.workflow_id = p_workflow_id AND DATE(we.started_at) BETWEEN prev_period_start AND date_filter_start - 1;
        trend_direction := CASE
          WHEN prev_success_rate IS NULL THEN 'unknown'
          WHEN current_success_rate > prev_success_rate THEN 'improving'
          WHEN current_success_rate < prev_success_rate THEN 'declining'
          ELSE 'stable' END;
        RETURN NEXT;
      END;
      $$`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP FUNCTION get_workflow_statistics(INTEGER, DATE, DATE)`);
    this.addSql(`DROP VIEW performance_metrics`);
    this.addSql(`DROP VIEW daily_execution_metrics`);
    this.addSql(`DROP VIEW workflow_execution_summary`);
    this.addSql(`DROP TABLE execution_stages`);
    this.addSql(`DROP TABLE workflow_executions`);
    this.addSql(`DROP TABLE workflow_versions`);
    this.addSql(`DROP TABLE workflows`);
    this.addSql(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
