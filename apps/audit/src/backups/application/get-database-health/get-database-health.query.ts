import { Inject, Injectable } from '@nestjs/common';
import { databaseHealth, HealthMetric, TableHealth } from '@mindhill/persistence';
import { BACKUP_SETTINGS, BackupSettings } from '../../infrastructure/backup-settings';
import { ListBackupsQuery } from '../list-backups/list-backups.query';
import { DatabaseHealthAnswer } from './get-database-health.schema';

export type DatabaseHealthReport = DatabaseHealthAnswer;

const RANK = { OK: 0, WARNING: 1, CRITICAL: 2, UNREACHABLE: 2 } as const;

// The seed's health queries for every service database audit backs up, and the age of the last
// backup set with its alert rule (older than twice backup_frequency_hours).
@Injectable()
export class GetDatabaseHealthQuery {
  constructor(
    @Inject(BACKUP_SETTINGS) private readonly settings: BackupSettings,
    private readonly backups: ListBackupsQuery,
  ) {}

  async execute(): Promise<DatabaseHealthReport> {
    const alerts: string[] = [];
    const databases: DatabaseHealthReport['databases'] = [];
    for (const { app, url } of this.settings.targets) {
      try {
        const { metrics, tables } = await databaseHealth(url);
        const worst = metrics.reduce<'OK' | 'WARNING' | 'CRITICAL'>((w, m) => (RANK[m.status] > RANK[w] ? m.status : w), 'OK');
        for (const m of metrics.filter((x) => x.status !== 'OK')) alerts.push(`${app}: ${m.metric} is ${m.value} (${m.status})`);
        databases.push({ app, status: worst, metrics: metrics.map(metricView), largestTables: tables.map(tableView) });
      } catch {
        alerts.push(`${app}: the database does not answer`);
        databases.push({ app, status: 'UNREACHABLE', metrics: [], largestTables: [] });
      }
    }
    const overview = await this.backups.execute();
    if (overview.overdue) {
      alerts.push(
        overview.lastBackupAt
          ? `the last backup is ${overview.lastBackupAgeHours} h old, more than twice backup_frequency_hours (${overview.frequencyHours})`
          : 'no backup set exists',
      );
    }
    const worst = databases.reduce((w, d) => Math.max(w, RANK[d.status]), overview.overdue ? 1 : 0);
    return {
      status: worst >= 2 ? 'CRITICAL' : worst === 1 ? 'WARNING' : 'OK',
      databases,
      backup: {
        lastBackupAt: overview.lastBackupAt,
        lastBackupAgeHours: overview.lastBackupAgeHours,
        frequencyHours: overview.frequencyHours,
        overdue: overview.overdue,
      },
      alerts,
    };
  }
}

// The seed's columns under the API's names (camelCase everywhere, docs/api.md "Names").
const metricView = (m: HealthMetric) => ({
  metric: m.metric,
  value: m.value,
  status: m.status,
  warningThreshold: m.warning_threshold,
  criticalThreshold: m.critical_threshold,
});

const tableView = (t: TableHealth) => ({
  table: t.table,
  size: t.size,
  sizeBytes: t.size_bytes,
  live: t.live,
  dead: t.dead,
  deadPercent: t.dead_percent,
  seqScans: t.seq_scans,
  indexScans: t.index_scans,
  lastAutovacuum: t.last_autovacuum ? new Date(t.last_autovacuum).toISOString() : null,
});
