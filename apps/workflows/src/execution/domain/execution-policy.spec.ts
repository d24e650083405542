import { backoffDelayMs as retryDelayMs } from '@mindhill/domain';
import { durationMinutes, executionProgress, isTerminal, shouldRetry } from './execution-policy';

describe('execution policy', () => {
  it('doubles the backoff per attempt, within [half, full] of the ceiling', () => {
    const policy = { baseMs: 1_000, maxMs: 60_000 };
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 1)).toBe(1_000);
    expect(retryDelayMs(3, policy, () => 0)).toBe(2_000);
    expect(retryDelayMs(3, policy, () => 1)).toBe(4_000);
    expect(retryDelayMs(20, policy, () => 1)).toBe(60_000);
  });

  it('retries retriable failures up to max_retries times', () => {
    expect(shouldRetry({ retriable: true, failedAttempt: 1, maxRetries: 2 })).toBe(true);
    expect(shouldRetry({ retriable: true, failedAttempt: 2, maxRetries: 2 })).toBe(true);
    expect(shouldRetry({ retriable: true, failedAttempt: 3, maxRetries: 2 })).toBe(false);
    expect(shouldRetry({ retriable: false, failedAttempt: 1, maxRetries: 5 })).toBe(false);
    expect(shouldRetry({ retriable: true, failedAttempt: 1, maxRetries: 0 })).toBe(false);
  });

  it('counts progress across stages', () => {
    expect(executionProgress(0, 4)).toBe(0);
    expect(executionProgress(1, 4, 0.5)).toBe(37.5);
    expect(executionProgress(4, 4)).toBe(100);
    expect(executionProgress(1, 3)).toBe(33.33);
    expect(executionProgress(0, 0)).toBe(0);
  });

  it('measures durations in minutes and knows terminal states', () => {
    expect(durationMinutes('2026-11-26T06:00:00Z', '2026-11-26T06:01:30Z')).toBe(1.5);
    expect(durationMinutes(null, '2026-11-26T06:01:30Z')).toBe(0);
    expect(isTerminal('Timeout')).toBe(true);
    expect(isTerminal('InProgress')).toBe(false);
  });
});
