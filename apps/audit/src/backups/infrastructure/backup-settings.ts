import { BackupTarget } from '@mindhill/persistence';

export const BACKUP_SETTINGS = Symbol('BACKUP_SETTINGS');
// What audit's scheduled backups need: the service databases (`BACKUP_DATABASE_URLS`, never
// logged or sent in an event), where sets go, how often, how long sets are kept.
export type BackupSettings = {
  targets: BackupTarget[];
  dir: string;
  frequencyHours: number;
  retentionDays: number;
  platformVersion: string;
  // Encrypts every dump at rest when set (BACKUP_ENCRYPTION_KEY).
  encryptionKey: Buffer | null;
};

// `auth=postgres://…,workflows=postgres://…` → targets, in the order given.
export function parseBackupTargets(value: string | undefined): BackupTarget[] {
  if (!value) return [];
  return value
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      return { app: pair.slice(0, at).trim(), url: pair.slice(at + 1).trim() };
    });
}
