import {
  newEvent,
  NewEvent,
  userCreated,
  userDeactivated,
  userDeleted,
  userEmailVerificationRequested,
  userEmailVerified,
  userLocked,
  userLoggedIn,
  userLoginFailed,
  userPasswordChanged,
  userPasswordResetRequested,
  userProfileUpdated,
  userRegistered,
  userRoleChanged,
  userSecondFactorFailed,
  userSecondFactorUsed,
  userTwoFactorDisabled,
  userTwoFactorEnabled,
  userTwoFactorSetUp,
  userUnlocked,
} from '@mindhill/contracts';
import { Decider, DomainError } from '@mindhill/domain';
import { isLocked, lockAfterFailure, LockoutPolicy } from './lockout.policy';
import { CompleteTwoFactorLogin, LogIn, UserCommand } from './user.commands';
import { userErrors } from './user.errors';
import { OneTimeTokenFacts, PROFILE_KEYS, ProfileChanges, ProfileFields, TwoFactorState, UserState } from './user.state';

// The rules of a user account: who may sign in, lockout, two-factor enrolment, passwords,
// e-mail tokens, profile and administration. State null: no live account (for register and
// create, none with that e-mail).
export const userDecider: Decider<UserState | null, UserCommand> = {
  decide(state, command) {
    switch (command.kind) {
      case 'register': {
        if (state || !command.identity) throw userErrors.emailTaken();
        const { verification, identity, kind: _kind, ...fields } = command;
        return [
          newEvent(userRegistered, {
            ...identity,
            ...fields,
            ...(verification ? { verificationTokenHash: verification.tokenHash, verificationExpiresAt: verification.expiresAt } : {}),
          }),
        ];
      }
      case 'create': {
        if (state || !command.identity) throw userErrors.emailTaken();
        const { identity, kind: _kind, ...fields } = command;
        return [newEvent(userCreated, { ...identity, ...fields })];
      }
      case 'log-in':
        return logIn(state, command);
      case 'complete-two-factor-login':
        return completeTwoFactorLogin(state, command);
      case 'request-password-reset':
        // No account, or a deactivated one: no mail, and the same answer as for anyone.
        if (!state?.isActive) return [];
        return [
          newEvent(userPasswordResetRequested, {
            userId: state.userId,
            email: state.email,
            expiresAt: command.expiresAt.toISOString(),
            tokenHash: command.tokenHash,
          }),
        ];
    }
    const user = present(state, command);
    const who = { userId: user.userId, email: user.email };
    switch (command.kind) {
      case 'record-wrong-password': {
        // A locked account records nothing more until the lock passes.
        if (isLocked(user.lockedUntil, command.now)) return [];
        const failedAttempts = user.failedLoginAttempts + 1;
        const failure = newEvent(userLoginFailed, { ...who, reason: 'wrong-password', failedAttempts });
        return withLock(user, failure, failedAttempts, command.now, command.lockout);
      }
      case 'set-up-two-factor':
        if (user.twoFactorEnabled) throw userErrors.twoFactorAlreadyEnabled('Two-factor sign-in is already on: disable it first');
        return [newEvent(userTwoFactorSetUp, { ...who, encryptedSecret: command.encryptedSecret })];
      case 'enable-two-factor': {
        if (user.twoFactor?.enabled) throw userErrors.twoFactorAlreadyEnabled('Two-factor sign-in is already on');
        if (!user.twoFactor?.sealedSecret) throw userErrors.twoFactorNotSetUp();
        if (command.acceptedStep === null) throw userErrors.invalidCode('invalid');
        const hashes = command.backupCodeHashes;
        return [
          newEvent(userTwoFactorEnabled, {
            ...who,
            backupCodeCount: hashes.length,
            backupCodeHashes: [...hashes],
            usedTimeStep: command.acceptedStep,
          }),
        ];
      }
      case 'disable-two-factor':
        if (!twoFactorOn(user)) throw userErrors.twoFactorNotEnabled();
        if (command.acceptedStep === null) throw userErrors.invalidCode('invalid');
        return [newEvent(userTwoFactorDisabled, who)];
      case 'change-password':
        if (command.reusesCurrentPassword) throw userErrors.passwordUnchanged();
        return [
          newEvent(userPasswordChanged, {
            ...who,
            via: user.mustChangePassword ? 'forced-change' : 'change',
            changedAt: command.now.toISOString(),
            passwordHash: command.passwordHash,
          }),
        ];
      case 'reset-password':
        assertUsableToken(user, command.token, command.now, 'password-reset');
        return [
          newEvent(userPasswordChanged, {
            ...who,
            via: 'reset',
            changedAt: command.now.toISOString(),
            passwordHash: command.passwordHash,
            consumedTokenHash: command.tokenHash,
          }),
        ];
      case 'request-email-verification':
        if (user.isEmailVerified) throw userErrors.emailAlreadyVerified();
        return [newEvent(userEmailVerificationRequested, { ...who, expiresAt: command.expiresAt, tokenHash: command.tokenHash })];
      case 'verify-email':
        assertUsableToken(user, command.token, command.now, 'email-verification');
        return [newEvent(userEmailVerified, { ...who, verifiedAt: command.now.toISOString(), consumedTokenHash: command.tokenHash })];
      case 'update-profile': {
        // Only what differs goes into the event; an update that changes nothing appends nothing.
        const changes = profileDiff(user.profile, command.changes);
        return Object.keys(changes).length > 0 ? [newEvent(userProfileUpdated, { ...who, changes })] : [];
      }
      case 'change-role':
        if (user.role === command.role) return [];
        if (user.role === 'admin' && user.isActive) assertAnotherAdmin(user, command.activeAdmins);
        return [newEvent(userRoleChanged, { ...who, oldRole: user.role, newRole: command.role })];
      case 'deactivate':
        if (!user.isActive) return [];
        if (user.role === 'admin') assertAnotherAdmin(user, command.activeAdmins);
        return [newEvent(userDeactivated, { ...who, deactivatedAt: command.now.toISOString() })];
      case 'delete':
        if (user.role === 'admin' && user.isActive) assertAnotherAdmin(user, command.activeAdmins);
        return [newEvent(userDeleted, { ...who, deletedAt: command.now.toISOString() })];
      case 'unlock':
        return [newEvent(userUnlocked, { ...who, unlockedBy: command.unlockedBy })];
    }
  },
};

// After a right password: a generated password must be changed first, a 2FA account shows its
// second factor; otherwise the user is signed in. Neither of the first two carries an access token.
export type LoginStep = 'password-change' | 'second-factor' | 'signed-in';
export function loginStep(state: UserState): LoginStep {
  if (state.mustChangePassword) return 'password-change';
  if (state.twoFactorEnabled) return 'second-factor';
  return 'signed-in';
}

// The answer a login (or its second step) gets when its events record a failure; the failure is
// appended first, so it counts toward the lockout.
export function loginRefusal(events: readonly NewEvent[]): DomainError | null {
  if (events.some((e) => e.definition === userLoginFailed)) return userErrors.invalidCredentials();
  if (events.some((e) => e.definition === userSecondFactorFailed)) return userErrors.invalidCode('unauthorized');
  return null;
}

// A state whose two-factor secret is stored (the handler may open it).
export type WithSecret = UserState & { twoFactor: TwoFactorState & { sealedSecret: string } };

// Whether the second step of a login may look at the code at all (the handler opens the secret
// only then): an active, unlocked account with 2FA on.
export function secondFactorOpen(state: UserState | null, now: Date): state is WithSecret {
  return Boolean(state?.isActive && !isLocked(state.lockedUntil, now) && twoFactorOn(state));
}

// Whether enabling (a secret set up, 2FA off) or disabling (2FA on) would check a code.
export function twoFactorPending(state: UserState): state is WithSecret {
  return Boolean(!state.twoFactor?.enabled && state.twoFactor?.sealedSecret);
}
export function twoFactorOn(state: UserState): state is WithSecret {
  return Boolean(state.twoFactor?.enabled && state.twoFactor.sealedSecret);
}

// A reset link also needs an active account; a verification link does not.
export function assertUsableToken(
  user: UserState | null,
  token: OneTimeTokenFacts | null,
  now: Date,
  purpose: 'password-reset' | 'email-verification',
): asserts user is UserState {
  if (!user || !token || token.consumed || (purpose === 'password-reset' && !user.isActive)) throw userErrors.invalidToken();
  if (token.expiresAt <= now) throw userErrors.expiredToken();
}

function logIn(state: UserState | null, command: LogIn): NewEvent[] {
  const { email, now } = command;
  if (!state) {
    const failedAttempts = command.unknownEmailAttempts + 1;
    return [newEvent(userLoginFailed, { userId: null, email, reason: 'unknown-email', failedAttempts })];
  }
  // A locked account refuses even the right password, with the same answer as any failure.
  const locked = isLocked(state.lockedUntil, now);
  if (!command.passwordMatches || !state.isActive || locked) {
    const failedAttempts = state.failedLoginAttempts + 1;
    const reason = locked ? 'locked' : state.isActive ? 'wrong-password' : 'inactive';
    const failure = newEvent(userLoginFailed, { userId: state.userId, email, reason, failedAttempts });
    return locked ? [failure] : withLock(state, failure, failedAttempts, now, command.lockout);
  }
  return loginStep(state) === 'signed-in' ? [loggedIn(state, now)] : [];
}

// A wrong code counts as a failed login (lockout); a right one is spent: its time step, or the
// backup code.
function completeTwoFactorLogin(state: UserState | null, command: CompleteTwoFactorLogin): NewEvent[] {
  const { now, proof } = command;
  if (!secondFactorOpen(state, now) || !proof) throw userErrors.invalidCredentials();
  const who = { userId: state.userId, email: state.email };
  const hashes = state.twoFactor.backupCodeHashes;
  const used =
    proof.kind === 'totp'
      ? proof.acceptedStep === null
        ? null
        : { timeStep: proof.acceptedStep }
      : hashes.includes(proof.hash)
        ? { backupCodeHash: proof.hash }
        : null;
  if (!used) {
    const failedAttempts = state.failedLoginAttempts + 1;
    return withLock(state, newEvent(userSecondFactorFailed, { ...who, failedAttempts }), failedAttempts, now, command.lockout);
  }
  const method = 'backupCodeHash' in used ? 'backup-code' : 'totp';
  const backupCodesLeft = hashes.length - (method === 'backup-code' ? 1 : 0);
  return [newEvent(userSecondFactorUsed, { ...who, method, backupCodesLeft, ...used }), loggedIn(state, now)];
}

function loggedIn(state: UserState, now: Date): NewEvent {
  return newEvent(userLoggedIn, {
    userId: state.userId,
    userNumber: state.userNumber,
    email: state.email,
    loginCount: state.loginCount + 1,
    loggedInAt: now.toISOString(),
  });
}

// A failed attempt as events: the failure, and the lock when it reaches the threshold.
function withLock(state: UserState, failure: NewEvent, failedAttempts: number, now: Date, lockout: LockoutPolicy): NewEvent[] {
  const lockedUntil = lockAfterFailure(failedAttempts, lockout, now);
  if (!lockedUntil) return [failure];
  return [
    failure,
    newEvent(userLocked, { userId: state.userId, email: state.email, failedAttempts, lockedUntil: lockedUntil.toISOString() }),
  ];
}

// The last active admin can be neither demoted, deactivated nor deleted.
function assertAnotherAdmin(user: UserState, activeAdmins: readonly string[]): void {
  if (!activeAdmins.some((id) => id !== user.userId)) throw userErrors.lastAdmin();
}

function profileDiff(current: ProfileFields, requested: ProfileChanges): ProfileChanges {
  const diff: ProfileChanges = {};
  const copy = <K extends keyof ProfileFields>(key: K) => {
    const value = requested[key];
    if (value !== undefined && JSON.stringify(current[key] ?? null) !== JSON.stringify(value)) diff[key] = value;
  };
  PROFILE_KEYS.forEach(copy);
  return diff;
}

// No live account: each use case answers as it always has.
function present(state: UserState | null, command: UserCommand): UserState {
  if (state) return state;
  switch (command.kind) {
    case 'change-role':
    case 'deactivate':
    case 'delete':
    case 'unlock':
      throw userErrors.notFound(command.target);
    case 'reset-password':
    case 'verify-email':
      throw userErrors.invalidToken();
    default:
      throw userErrors.unauthenticated();
  }
}
