import { Backoff, backoffDelayMs } from '@mindhill/domain';

// The queue's decisions, kept pure so they are specified without a database (job-queue.policy.spec.ts).

// A claimed job as its handler gets it; `attempts` counts this one.
export type Job<P = Record<string, unknown>> = { id: string; key: string; kind: string; payload: P; attempts: number };

// How many attempts a job of a kind gets before it is dead (kept with its last error, never run
// again unless requeued): one number for every kind of a worker, or one per kind. A kind without a
// cap is retried until it succeeds or is cancelled, where giving up is the business's decision
// (a stage answers `failed`; ADR 0008).
export type AttemptCaps = number | Readonly<Record<string, number>>;

export function attemptCap(caps: AttemptCaps | undefined, kind: string): number {
  if (caps === undefined) return Infinity;
  return typeof caps === 'number' ? caps : (caps[kind] ?? Infinity);
}

export function assertAttemptCaps(caps: AttemptCaps | undefined): void {
  const values = caps === undefined ? [] : typeof caps === 'number' ? [caps] : Object.values(caps);
  const bad = values.find((n) => !Number.isInteger(n) || n < 1);
  if (bad !== undefined) throw new Error(`A job attempt cap must be a whole number of at least 1, not ${bad}`);
}

// 1 s after the first failure, doubling to 30 s.
export const DEFAULT_JOB_BACKOFF: Backoff = { baseMs: 1_000, maxMs: 30_000, jitter: false };

export function defaultJobRetryDelayMs(attempts: number): number {
  return backoffDelayMs(attempts, DEFAULT_JOB_BACKOFF);
}

export type JobFailureDecision = { outcome: 'retry'; delayMs: number } | { outcome: 'dead' };

// Attempt `attempts` (1-based) of a job threw: run it again after a delay, or, at the cap, it is dead.
export function decideAfterFailure(attempts: number, cap: number, retryDelayMs: (attempts: number) => number): JobFailureDecision {
  return attempts >= cap ? { outcome: 'dead' } : { outcome: 'retry', delayMs: retryDelayMs(attempts) };
}

// A job was just claimed for attempt `attempts`. Past the cap only when earlier attempts ended
// without an outcome (the worker died, its lease ran out): such a job, say one that crashes its
// worker, is dead rather than run again.
export function decideOnClaim(attempts: number, cap: number): 'run' | 'dead' {
  return attempts > cap ? 'dead' : 'run';
}

// How long finished jobs are kept: done and cancelled ones a week (long enough to look into a
// run, and for a late duplicate request to find its key taken), dead ones a month (time to requeue).
export type JobRetention = { finishedMs: number; deadMs: number; sweepEveryMs: number };

const HOUR = 3_600_000;
export const DEFAULT_JOB_RETENTION: JobRetention = { finishedMs: 7 * 24 * HOUR, deadMs: 30 * 24 * HOUR, sweepEveryMs: HOUR };

// The cut-off times of one sweep at `now`.
export function retentionCutoffs(retention: JobRetention, now: Date): { finishedBefore: Date; deadBefore: Date } {
  return { finishedBefore: new Date(now.getTime() - retention.finishedMs), deadBefore: new Date(now.getTime() - retention.deadMs) };
}
