import { Module } from '@nestjs/common';
import { LIVE_SETTINGS, LiveSettings } from '@mindhill/messaging';
import { backupKeyFrom } from '@mindhill/persistence';
import { AUDIT_CONFIG } from '../audit-backbone.module';
import { AuditConfig } from '../audit.config';
import { ListBackupsQuery } from './application/list-backups/list-backups.query';
import { TakeBackupJob } from './application/take-backup/take-backup.job';
import { BackupMetrics } from './infrastructure/backup.metrics';
import { BACKUP_SETTINGS, BackupSettings, parseBackupTargets } from './infrastructure/backup-settings';
import { BackupsHttpController } from './interface/backups.http-controller';
import { DatabaseHealthHttpController } from './interface/database-health.http-controller';
import { GetDatabaseHealthQuery } from './application/get-database-health/get-database-health.query';

// Backup sets of every service database on a schedule (backup_frequency_hours), with retention,
// and an admin's view of them (docs/backup-and-restore.md).
@Module({
  controllers: [BackupsHttpController, DatabaseHealthHttpController],
  providers: [
    {
      provide: BACKUP_SETTINGS,
      inject: [AUDIT_CONFIG, LIVE_SETTINGS],
      // backup_frequency_hours and backup_retention_days follow the live settings; the
      // environment gives the values until an admin sets them.
      useFactory: (config: AuditConfig, live: LiveSettings): BackupSettings => ({
        targets: parseBackupTargets(config.BACKUP_DATABASE_URLS),
        dir: config.BACKUP_DIR,
        get frequencyHours() {
          return live.integer('backup_frequency_hours', config.BACKUP_FREQUENCY_HOURS);
        },
        get retentionDays() {
          return live.integer('backup_retention_days', config.BACKUP_RETENTION_DAYS);
        },
        platformVersion: config.PLATFORM_VERSION,
        encryptionKey: backupKeyFrom(config.BACKUP_ENCRYPTION_KEY),
      }),
    },
    TakeBackupJob,
    BackupMetrics,
    ListBackupsQuery,
    GetDatabaseHealthQuery,
  ],
})
export class BackupsModule {}
