import { TwoFactorState, UserState } from '../src/users/domain/user.state';

// Users as the user decider sees them, for its specs.
export const now = new Date('2026-11-26T12:00:00.000Z');
export const lockout = { threshold: 3, minutes: 15 };
export const ADA = '0b9d6f4e-3c1a-4d7e-9f2b-5a8c1e6d2f01';
export const GRACE = '7c2e1a9b-6d4f-4b3e-8a1c-2f9e5d7b3a02';

export function aUser(overrides: Partial<UserState> = {}): UserState {
  return {
    userId: ADA,
    userNumber: 7,
    email: 'ada@example.com',
    role: 'user',
    isActive: true,
    isEmailVerified: false,
    mustChangePassword: false,
    loginCount: 4,
    failedLoginAttempts: 0,
    lockedUntil: null,
    twoFactorEnabled: false,
    profile: {
      displayName: 'Ada',
      firstName: null,
      lastName: null,
      timezone: 'UTC',
      language: 'en',
      notificationPreferences: {},
      uiPreferences: {},
    },
    twoFactor: null,
    ...overrides,
  };
}

export function twoFactor(overrides: Partial<TwoFactorState> = {}): TwoFactorState {
  return { enabled: true, sealedSecret: 'v1.sealed', backupCodeHashes: ['h1', 'h2'], lastUsedStep: null, ...overrides };
}

export const minutesFromNow = (m: number) => new Date(now.getTime() + m * 60_000);
