import { Client } from 'pg';

// The seed's database health check and monitoring queries, per service database: size, active
// connections, the oldest open transaction, replication lag (with warning / critical thresholds),
// and the largest tables with their live and dead rows (bloat) and how often their indexes are
// used. Read by `npm run db:health` and by GET /api/v1/admin/database-health.
export const HEALTH_SQL = `
WITH health_metrics AS (
  SELECT 'database_size_gb' AS metric, ROUND(pg_database_size(current_database()) / 1024.0 / 1024.0 / 1024.0, 2) AS value, 50.0 AS warning_threshold, 100.0 AS critical_threshold
  UNION ALL SELECT 'active_connections', COUNT(*)::DECIMAL, 80.0, 100.0 FROM pg_stat_activity WHERE state = 'active' AND datname = current_database()
  UNION ALL SELECT 'oldest_transaction_minutes', COALESCE(EXTRACT(EPOCH FROM (NOW() - MIN(xact_start))) / 60.0, 0)::DECIMAL(12,2), 30.0, 60.0
    FROM pg_stat_activity WHERE xact_start IS NOT NULL AND datname = current_database()
  UNION ALL SELECT 'replication_lag_bytes', COALESCE(MAX(pg_wal_lsn_diff(sent_lsn, replay_lsn)), 0)::DECIMAL, 1048576.0, 10485760.0 FROM pg_stat_replication
)
SELECT metric, value::float8 AS value, CASE WHEN value >= critical_threshold THEN 'CRITICAL' WHEN value >= warning_threshold THEN 'WARNING' ELSE 'OK' END AS status,
       warning_threshold::float8 AS warning_threshold, critical_threshold::float8 AS critical_threshold
  FROM health_metrics ORDER BY CASE WHEN value >= critical_threshold THEN 1 WHEN value >= warning_threshold THEN 2 ELSE 3 END, metric`;

export const TABLES_SQL = `
SELECT relname AS table, pg_size_pretty(pg_total_relation_size(relid)) AS size, pg_total_relation_size(relid)::float8 AS size_bytes,
       n_live_tup::float8 AS live, n_dead_tup::float8 AS dead,
       CASE WHEN n_live_tup + n_dead_tup = 0 THEN 0 ELSE round(100.0 * n_dead_tup / (n_live_tup + n_dead_tup), 1)::float8 END AS dead_percent,
       seq_scan::float8 AS seq_scans, COALESCE(idx_scan, 0)::float8 AS index_scans, last_autovacuum
  FROM pg_stat_user_tables ORDER BY pg_total_relation_size(relid) DESC LIMIT 5`;

export type HealthMetric = {
  metric: string;
  value: number;
  status: 'OK' | 'WARNING' | 'CRITICAL';
  warning_threshold: number;
  critical_threshold: number;
};
export type TableHealth = {
  table: string;
  size: string;
  size_bytes: number;
  live: number;
  dead: number;
  dead_percent: number;
  seq_scans: number;
  index_scans: number;
  last_autovacuum: Date | null;
};

export async function databaseHealth(url: string): Promise<{ metrics: HealthMetric[]; tables: TableHealth[] }> {
  const client = new Client({ connectionString: url });
  // A connection cut between the two queries must fail this call, not the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return { metrics: (await client.query<HealthMetric>(HEALTH_SQL)).rows, tables: (await client.query<TableHealth>(TABLES_SQL)).rows };
  } finally {
    await client.end();
  }
}
