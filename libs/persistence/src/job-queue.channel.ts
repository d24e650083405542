// The NOTIFY channel of the job queue: enqueueing sends the job's kind on it in the enqueueing
// transaction (so it is delivered at the commit, never for a rolled-back job), and the workers
// of that kind LISTEN (pg-listener.ts) instead of polling.
export const JOB_CHANNEL = 'mindhill_job';
