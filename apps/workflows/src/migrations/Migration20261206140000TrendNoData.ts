import { Migration } from '@mikro-orm/migrations';

// The function as Migration20261126081000Workflows made it, but for the trend's first case.
const statisticsFunction = (emptyPeriod: string) =>
  `CREATE OR REPLACE FUNCTION get_workflow_statistics(p_workflow_id INTEGER, p_date_from DATE DEFAULT NULL, p_date_to DATE DEFAULT NULL)
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
          ${emptyPeriod}
          WHEN current_success_rate > prev_success_rate THEN 'improving'
          WHEN current_success_rate < prev_success_rate THEN 'declining'
          ELSE 'stable' END;
        RETURN NEXT;
      END;
      $$`;

// get_workflow_statistics said 'stable' when the current period had no runs (NULL compared with a
// rate is neither greater nor smaller) and 'unknown' when the previous one had none: both are now
// 'no_data', so a chart never shows a trend it has no runs for.
export class Migration20261206140000TrendNoData extends Migration {
  override async up(): Promise<void> {
    this.addSql(statisticsFunction(`WHEN current_success_rate IS NULL OR prev_success_rate IS NULL THEN 'no_data'`));
  }

  override async down(): Promise<void> {
    this.addSql(statisticsFunction(`WHEN prev_success_rate IS NULL THEN 'unknown'`));
  }
}
