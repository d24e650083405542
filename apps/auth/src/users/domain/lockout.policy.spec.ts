import { isLocked, lockAfterFailure } from './lockout.policy';

describe('lockout policy', () => {
  const now = new Date('2026-11-26T06:00:00Z');
  const policy = { threshold: 5, minutes: 15 };

  it('locks on the failure that reaches the threshold, for the configured time', () => {
    expect(lockAfterFailure(4, policy, now)).toBeNull();
    expect(lockAfterFailure(5, policy, now)?.toISOString()).toBe('2026-11-26T06:15:00.000Z');
  });

  it('knows when a lock has passed', () => {
    expect(isLocked(new Date('2026-11-26T06:10:00Z'), now)).toBe(true);
    expect(isLocked(new Date('2026-11-26T05:59:59Z'), now)).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });
});
