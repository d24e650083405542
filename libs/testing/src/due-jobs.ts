import { JOB_CHANNEL } from '@mindhill/persistence';

// One statement for a test that makes jobs due by hand ("the minute has come", without waiting for
// it): the UPDATE, and the NOTIFY that enqueueing would send, so the kind's workers look at once.
// An UPDATE alone wakes nobody: the workers sleep until the due time they last saw (at most
// their 30-s safety poll). `set` and `where` are SQL with the caller's placeholders.
export function makeJobsDueSql(where: string, set = 'run_after = now()'): string {
  return `WITH due AS (UPDATE job SET ${set} WHERE ${where} RETURNING kind) SELECT pg_notify('${JOB_CHANNEL}', kind) FROM due`;
}
