// The NOTIFY channel of the job queue: enqueueing sends `<kind> <due, epoch ms>` on it in the
// enqueueing transaction (so it is delivered at the commit, never for a rolled-back job), and the
// workers of that kind LISTEN (pg-listener.ts) instead of polling. A payload without a due time
// (a requeued dead job) means due now.
export const JOB_CHANNEL = 'mindhill_job';

export function parseJobNotification(payload: string): { kind: string; dueAt: number | null } {
  const [kind = '', due] = payload.split(' ');
  const dueAt = due === undefined ? null : Number(due);
  return { kind, dueAt: dueAt !== null && Number.isFinite(dueAt) ? dueAt : null };
}
