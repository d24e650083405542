import { UserRole } from '@mindhill/contracts';
import { LockoutPolicy } from './lockout.policy';
import { OneTimeTokenFacts, ProfileChanges, SecondFactorProof } from './user.state';

// What the user decider is asked. Clocks, ids, hashes and checks against secrets are done by the
// handler and arrive here as facts.

// Drawn only when no account has the e-mail (null otherwise), so a refusal leaves no gap in numbers.
export type NewUserIdentity = { userId: string; userNumber: number };

export type RegisterUser = {
  kind: 'register';
  identity: NewUserIdentity | null;
  email: string;
  displayName: string;
  role: UserRole;
  source: 'self-service' | 'bootstrap-admin';
  passwordHash: string;
  verification: { tokenHash: string; expiresAt: string } | null;
};

export type CreateUser = {
  kind: 'create';
  identity: NewUserIdentity | null;
  email: string;
  displayName: string;
  role: UserRole;
  source: 'admin' | 'bootstrap-generated';
  createdBy: string | null;
  mustChangePassword: boolean;
  passwordHash: string;
};

// unknownEmailAttempts: failures already recorded for an e-mail no account has (read only then).
export type LogIn = {
  kind: 'log-in';
  email: string;
  passwordMatches: boolean;
  unknownEmailAttempts: number;
  now: Date;
  lockout: LockoutPolicy;
};

// proof is null when the handler did not check the code because the step is refused anyway.
export type CompleteTwoFactorLogin = {
  kind: 'complete-two-factor-login';
  proof: SecondFactorProof | null;
  now: Date;
  lockout: LockoutPolicy;
};

// A wrong password given to confirm a sensitive change (password change, 2FA disable).
export type RecordWrongPassword = { kind: 'record-wrong-password'; now: Date; lockout: LockoutPolicy };

export type UserCommand =
  | RegisterUser
  | CreateUser
  | LogIn
  | CompleteTwoFactorLogin
  | RecordWrongPassword
  | { kind: 'set-up-two-factor'; encryptedSecret: string }
  // acceptedStep: the time step the code matched against the pending secret (null: none).
  | { kind: 'enable-two-factor'; acceptedStep: number | null; backupCodeHashes: readonly string[] }
  | { kind: 'disable-two-factor'; acceptedStep: number | null }
  | { kind: 'change-password'; passwordHash: string; reusesCurrentPassword: boolean; now: Date }
  | { kind: 'request-password-reset'; tokenHash: string; expiresAt: Date }
  | { kind: 'reset-password'; token: OneTimeTokenFacts | null; tokenHash: string; passwordHash: string; now: Date }
  | { kind: 'request-email-verification'; tokenHash: string; expiresAt: string }
  | { kind: 'verify-email'; token: OneTimeTokenFacts | null; tokenHash: string; now: Date }
  | { kind: 'update-profile'; changes: ProfileChanges }
  // activeAdmins: the ids of every live, active admin (read under lock by the handler).
  | { kind: 'change-role'; target: string; role: UserRole; activeAdmins: readonly string[] }
  | { kind: 'deactivate'; target: string; activeAdmins: readonly string[]; now: Date }
  | { kind: 'delete'; target: string; activeAdmins: readonly string[]; now: Date }
  | { kind: 'unlock'; target: string; unlockedBy: number | null };
