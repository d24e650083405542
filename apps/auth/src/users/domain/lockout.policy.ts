export type LockoutPolicy = { threshold: number; minutes: number };

export function isLocked(lockedUntil: Date | null | undefined, now: Date): boolean {
  return Boolean(lockedUntil && lockedUntil.getTime() > now.getTime());
}

// The failure that reaches the threshold locks the account until now + minutes.
export function lockAfterFailure(failedAttempts: number, policy: LockoutPolicy, now: Date): Date | null {
  return failedAttempts >= policy.threshold ? new Date(now.getTime() + policy.minutes * 60_000) : null;
}
