// When audit takes its scheduled backup sets. Periods are aligned on the epoch (every
// `frequencyHours` from 1970-01-01T00:00Z), so every replica computes the same next time and the
// job queue's unique key (`backup:<time>`) lets exactly one of them take it.
export function nextBackupAt(now: Date, frequencyHours: number): Date {
  const period = frequencyHours * 3_600_000;
  return new Date((Math.floor(now.getTime() / period) + 1) * period);
}

// A backup is overdue (an alert) when the last one is older than twice the frequency, or there
// is none at all.
export function backupOverdue(lastAt: Date | null, frequencyHours: number, now: Date): boolean {
  return lastAt === null || now.getTime() - lastAt.getTime() > 2 * frequencyHours * 3_600_000;
}
