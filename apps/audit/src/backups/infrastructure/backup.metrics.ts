import { Inject, Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { listBackupSets } from '@mindhill/persistence';
import { metricsRegistry } from '@mindhill/platform';
import { BACKUP_SETTINGS, BackupSettings } from './backup-settings';

// What the BackupOverdue alert (deploy/prometheus/alerts.yml) compares: the newest set's time and
// the frequency it should follow. Read from the backup folder at each scrape, so a set written by
// `npm run backup` counts as much as a scheduled one. Only when backups are configured here.
@Injectable()
export class BackupMetrics {
  constructor(@Inject(BACKUP_SETTINGS) settings: BackupSettings) {
    for (const name of ['backup_last_success_timestamp_seconds', 'backup_frequency_hours']) metricsRegistry.removeSingleMetric(name);
    if (settings.targets.length === 0) return;
    new Gauge({
      name: 'backup_last_success_timestamp_seconds',
      help: 'When the newest backup set in BACKUP_DIR was taken (0: none)',
      registers: [metricsRegistry],
      async collect() {
        // An unreadable folder must not break /metrics: the gauge keeps its last value.
        const sets = await listBackupSets(settings.dir).catch(() => null);
        if (sets) this.set(sets[0] ? Date.parse(sets[0].manifest.createdAt) / 1000 : 0);
      },
    });
    new Gauge({
      name: 'backup_frequency_hours',
      help: 'backup_frequency_hours as the live settings say now',
      registers: [metricsRegistry],
      collect() {
        this.set(settings.frequencyHours);
      },
    });
  }
}
