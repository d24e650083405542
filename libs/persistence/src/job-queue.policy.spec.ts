import {
  assertAttemptCaps,
  attemptCap,
  decideAfterFailure,
  decideOnClaim,
  DEFAULT_JOB_RETENTION,
  defaultJobRetryDelayMs,
  retentionCutoffs,
} from './job-queue.policy';

describe('job queue policy', () => {
  const delay = (attempts: number) => attempts * 100;

  it('retries a failed job with its delay while attempts remain', () => {
    expect(decideAfterFailure(1, 3, delay)).toEqual({ outcome: 'retry', delayMs: 100 });
    expect(decideAfterFailure(2, 3, delay)).toEqual({ outcome: 'retry', delayMs: 200 });
  });

  it('declares a job dead when the attempt that reached the cap fails', () => {
    expect(decideAfterFailure(3, 3, delay)).toEqual({ outcome: 'dead' });
    expect(decideAfterFailure(1, 1, delay)).toEqual({ outcome: 'dead' });
  });

  it('retries forever without a cap (the default)', () => {
    expect(decideAfterFailure(10_000, attemptCap(undefined, 'stage'), delay)).toEqual({ outcome: 'retry', delayMs: 1_000_000 });
  });

  it('runs a claimed job up to the cap, and declares dead one whose earlier attempts died with their worker', () => {
    expect(decideOnClaim(1, 3)).toBe('run');
    expect(decideOnClaim(3, 3)).toBe('run');
    expect(decideOnClaim(4, 3)).toBe('dead');
    expect(decideOnClaim(1_000, Infinity)).toBe('run');
  });

  it('takes the cap of the job kind, one for all kinds, or none', () => {
    const caps = { render: 3, fetch: 10 };
    expect([attemptCap(caps, 'render'), attemptCap(caps, 'fetch'), attemptCap(caps, 'other')]).toEqual([3, 10, Infinity]);
    expect(attemptCap(5, 'anything')).toBe(5);
    expect(attemptCap(undefined, 'anything')).toBe(Infinity);
  });

  it('refuses a cap that is not a whole number of at least 1', () => {
    expect(() => assertAttemptCaps(0)).toThrow('at least 1');
    expect(() => assertAttemptCaps({ a: 2, b: 1.5 })).toThrow('not 1.5');
    expect(() => assertAttemptCaps({ a: 1 })).not.toThrow();
  });

  it('waits 1 s after the first failure, doubling to 30 s (the old 500 ms × 2^attempts)', () => {
    expect([1, 2, 3, 5, 6, 20].map(defaultJobRetryDelayMs)).toEqual([1_000, 2_000, 4_000, 16_000, 30_000, 30_000]);
  });

  it('keeps done and cancelled jobs a week and dead ones a month', () => {
    const now = new Date('2026-12-31T00:00:00Z');
    expect(retentionCutoffs(DEFAULT_JOB_RETENTION, now)).toEqual({
      finishedBefore: new Date('2026-12-24T00:00:00Z'),
      deadBefore: new Date('2026-12-01T00:00:00Z'),
    });
  });
});
