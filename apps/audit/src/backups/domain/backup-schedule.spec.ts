import { backupOverdue, nextBackupAt } from './backup-schedule';

describe('backup schedule', () => {
  it('given every 24 hours, when it is mid-day, then the next backup is at the next midnight UTC', () => {
    expect(nextBackupAt(new Date('2026-12-06T14:03:00Z'), 24).toISOString()).toBe('2026-12-07T00:00:00.000Z');
  });
  it('given every 6 hours, when it is exactly on a boundary, then the next backup is the following one', () => {
    expect(nextBackupAt(new Date('2026-12-06T12:00:00Z'), 6).toISOString()).toBe('2026-12-06T18:00:00.000Z');
  });
  it('given two replicas at slightly different moments of one period, then both plan the same time', () => {
    const a = nextBackupAt(new Date('2026-12-06T13:00:00.001Z'), 4);
    const b = nextBackupAt(new Date('2026-12-06T15:59:59.999Z'), 4);
    expect(a).toEqual(b);
  });
  it('given no backup yet, then it is overdue', () => {
    expect(backupOverdue(null, 24, new Date())).toBe(true);
  });
  it('given the last backup 47 hours ago with a 24-hour frequency, then it is not overdue; at 49 hours it is', () => {
    const now = new Date('2026-12-06T12:00:00Z');
    expect(backupOverdue(new Date(now.getTime() - 47 * 3_600_000), 24, now)).toBe(false);
    expect(backupOverdue(new Date(now.getTime() - 49 * 3_600_000), 24, now)).toBe(true);
  });
});
