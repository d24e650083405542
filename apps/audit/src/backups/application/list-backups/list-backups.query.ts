import { Inject, Injectable } from '@nestjs/common';
import { listBackupSets } from '@mindhill/persistence';
import { backupOverdue } from '../../domain/backup-schedule';
import { BACKUP_SETTINGS, BackupSettings } from '../../infrastructure/backup-settings';

export type BackupSetSummary = {
  set: string;
  createdAt: string;
  databases: { app: string; sizeBytes: number; storedEvents: number }[];
  kafkaPositions: boolean;
};
export type BackupOverview = {
  configured: boolean;
  frequencyHours: number;
  retentionDays: number;
  lastBackupAt: string | null;
  lastBackupAgeHours: number | null;
  // The alert rule: no set, or the newest older than twice the frequency.
  overdue: boolean;
  sets: BackupSetSummary[];
};

// The sets in the backup folder, newest first, and whether the newest is overdue.
@Injectable()
export class ListBackupsQuery {
  constructor(@Inject(BACKUP_SETTINGS) private readonly settings: BackupSettings) {}

  async execute(now = new Date()): Promise<BackupOverview> {
    const sets: BackupSetSummary[] = (await listBackupSets(this.settings.dir)).map(({ name, manifest }) => ({
      set: name,
      createdAt: manifest.createdAt,
      databases: manifest.databases.map((d) => ({ app: d.app, sizeBytes: d.sizeBytes ?? 0, storedEvents: d.storedEvents })),
      kafkaPositions: manifest.kafka !== null,
    }));
    const last = sets[0] ? new Date(sets[0].createdAt) : null;
    return {
      configured: this.settings.targets.length > 0,
      frequencyHours: this.settings.frequencyHours,
      retentionDays: this.settings.retentionDays,
      lastBackupAt: last?.toISOString() ?? null,
      lastBackupAgeHours: last ? Math.round(((now.getTime() - last.getTime()) / 3_600_000) * 100) / 100 : null,
      overdue: backupOverdue(last, this.settings.frequencyHours, now),
      sets,
    };
  }
}
