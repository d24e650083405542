import { databaseHealth } from '@mindhill/persistence';
import { APPS, databaseUrlOf } from './service-catalog';

// `npm run db:health`: the seed's database health check and monitoring queries for every service
// database (libs/persistence/src/backup/database-health.ts; the same as
// GET /api/v1/admin/database-health). Exits 2 when anything is CRITICAL.
export { databaseHealth };

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
