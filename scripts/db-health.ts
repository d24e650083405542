import { Client } from 'pg';
import { APPS, databaseUrlOf } from './service-catalog';

// `npm run db:health`: the seed's database health check and monitoring queries for every service
// database (size, connections, oldest transaction, replication lag with warning/critical
// thresholds; the largest tables with live/dead tuples). Exits 2 when anything is CRITICAL.
export const HEALTH_SQL = `
WITH health_metrics AS (
  SELECT 'database_size_gb' AS metric, ROUND(pg_database_size(current_database()) / 1024.0 / 1024.0 / 1024.0, 2) AS value, 50.0 AS warning_threshold, 100.0 AS critical_threshold
  UNION ALL SELECT 'active_connections', COUNT(*)::DECIMAL, 80.0, 100.0 FROM pg_stat_activity WHERE state = 'active' AND datname = current_database()
  UNION ALL SELECT 'oldest_transaction_minutes', COALESCE(EXTRACT(EPOCH FROM (NOW() - MIN(xact_start))) / 60.0, 0)::DECIMAL(12,2), 30.0, 60.0
    FROM pg_stat_activity WHERE xact_start IS NOT NULL AND datname = current_database()
  UNION ALL SELECT 'replication_lag_bytes', COALESCE(MAX(pg_wal_lsn_diff(sent_lsn, replay_lsn)), 0)::DECIMAL, 1048576.0, 10485760.0 FROM pg_stat_replication
)
SELECT metric, value, CASE WHEN value >= critical_threshold THEN 'CRITICAL' WHEN value >= warning_threshold THEN 'WARNING' ELSE 'OK' END AS status,
       warning_threshold, critical_threshold
  FROM health_metrics ORDER BY CASE WHEN value >= critical_threshold THEN 1 WHEN value >= warning_threshold THEN 2 ELSE 3 END, metric`;

export const TABLES_SQL = `
SELECT relname AS table, pg_size_pretty(pg_total_relation_size(relid)) AS size, n_live_tup AS live, n_dead_tup AS dead, last_autovacuum
  FROM pg_stat_user_tables ORDER BY pg_total_relation_size(relid) DESC LIMIT 5`;

export async function databaseHealth(url: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return { metrics: (await client.query(HEALTH_SQL)).rows, tables: (await client.query(TABLES_SQL)).rows };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  let critical = false;
  for (const app of APPS.filter((a) => a.migrations)) {
    const { metrics, tables } = await databaseHealth(databaseUrlOf(app, process.env));
    process.stdout.write(`\n${app.name}\n`);
    for (const m of metrics)
      process.stdout.write(
        `  ${String(m.status).padEnd(8)} ${String(m.metric).padEnd(28)} ${m.value}  (warn ${m.warning_threshold}, critical ${m.critical_threshold})\n`,
      );
    for (const t of tables)
      process.stdout.write(`           ${String(t.table).padEnd(28)} ${t.size}, ${t.live} live / ${t.dead} dead rows\n`);
    critical ||= metrics.some((m) => m.status === 'CRITICAL');
  }
  if (critical) process.exit(2);
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`Health check failed: ${error.message}\n`);
    process.exit(1);
  });
}
