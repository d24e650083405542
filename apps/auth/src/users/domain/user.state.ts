import { UserRole } from '@mindhill/contracts';

// What the user rules read: the users projection row, mapped (users/infrastructure/user.read-model.ts).
export type TwoFactorState = { enabled: boolean; sealedSecret: string | null; backupCodeHashes: string[]; lastUsedStep: number | null };

export type ProfileFields = {
  displayName: string;
  firstName: string | null;
  lastName: string | null;
  timezone: string;
  language: string;
  notificationPreferences: Record<string, unknown>;
  uiPreferences: Record<string, unknown>;
};
export type ProfileChanges = Partial<ProfileFields>;
export const PROFILE_KEYS = [
  'displayName',
  'firstName',
  'lastName',
  'timezone',
  'language',
  'notificationPreferences',
  'uiPreferences',
] as const satisfies readonly (keyof ProfileFields)[];

export type UserState = {
  userId: string;
  userNumber: number;
  email: string;
  role: UserRole;
  isActive: boolean;
  isEmailVerified: boolean;
  mustChangePassword: boolean;
  loginCount: number;
  failedLoginAttempts: number;
  lockedUntil: Date | null;
  twoFactorEnabled: boolean;
  profile: ProfileFields;
  // The secret and backup codes: read only by the two-factor use cases, null elsewhere.
  twoFactor: TwoFactorState | null;
};

// A single-use e-mail token (reset, verification) as found by its hash.
export type OneTimeTokenFacts = { consumed: boolean; expiresAt: Date };

// What the second step of a login proved: the TOTP time step the code matched (null: none),
// or the hash of the backup code given.
export type SecondFactorProof = { kind: 'totp'; acceptedStep: number | null } | { kind: 'backup-code'; hash: string };
