// A durable job table per service: work that outlives a Kafka handler (a stage run, a scheduled
// retry, a timeout check) is enqueued in the same transaction as the event that asks for it,
// and run by a JobWorker with a lease, so a crash mid-job means the job runs again, not never.
export const JOB_QUEUE_V1_SQL: readonly string[] = [
  `CREATE TABLE job (
    id BIGSERIAL PRIMARY KEY,
    job_key VARCHAR(250) NOT NULL UNIQUE,
    kind VARCHAR(100) NOT NULL,
    payload JSONB NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    run_after TIMESTAMPTZ NOT NULL DEFAULT now(),
    locked_until TIMESTAMPTZ,
    last_error TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX idx_job_due ON job(kind, run_after) WHERE status IN ('pending', 'running')`,
];

// Attempt caps and retention: a job past its kind's cap is `dead` (kept with its last error, not
// claimed); done, cancelled and dead jobs are deleted after their retention, found by this index.
export const JOB_QUEUE_LIMITS_SQL: readonly string[] = [
  `ALTER TABLE job DROP CONSTRAINT job_status_check`,
  `ALTER TABLE job ADD CONSTRAINT job_status_check CHECK (status IN ('pending', 'running', 'done', 'cancelled', 'dead'))`,
  `CREATE INDEX idx_job_finished ON job(status, updated_at) WHERE status IN ('done', 'cancelled', 'dead')`,
];

// Back to the first schema: a dead job becomes cancelled (it keeps its last error and is not run).
export const JOB_QUEUE_LIMITS_DOWN_SQL: readonly string[] = [
  `DROP INDEX idx_job_finished`,
  `UPDATE job SET status = 'cancelled' WHERE status = 'dead'`,
  `ALTER TABLE job DROP CONSTRAINT job_status_check`,
  `ALTER TABLE job ADD CONSTRAINT job_status_check CHECK (status IN ('pending', 'running', 'done', 'cancelled'))`,
];
