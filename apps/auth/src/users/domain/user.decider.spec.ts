import {
  newEvent,
  userLocked,
  userLoggedIn,
  userLoginFailed,
  userSecondFactorFailed,
  userSecondFactorUsed,
  userTwoFactorDisabled,
  userTwoFactorEnabled,
  userTwoFactorSetUp,
} from '@mindhill/contracts';
import { deciderSpecification } from '@mindhill/testing/decider-specification';
import { loginRefusal, loginStep, secondFactorOpen, userDecider } from './user.decider';
import { ADA, aUser, lockout, minutesFromNow, now, twoFactor } from '../../../test/user-state.fixtures';

const spec = deciderSpecification(userDecider);
const ada = { userId: ADA, email: 'ada@example.com' };
const logIn = (passwordMatches: boolean, unknownEmailAttempts = 0) =>
  ({ kind: 'log-in', email: 'ada@example.com', passwordMatches, unknownEmailAttempts, now, lockout }) as const;
const loggedIn = newEvent(userLoggedIn, { ...ada, userNumber: 7, loginCount: 5, loggedInAt: now.toISOString() });
const failed = (reason: 'wrong-password' | 'inactive' | 'locked', failedAttempts: number) =>
  newEvent(userLoginFailed, { ...ada, reason, failedAttempts });
const locked = (failedAttempts: number) => newEvent(userLocked, { ...ada, failedAttempts, lockedUntil: minutesFromNow(15).toISOString() });

describe('user decider: login and lockout', () => {
  it('signs in with the right password', () => {
    spec.given(aUser()).when(logIn(true)).then([loggedIn]);
  });

  it('counts an unknown e-mail on its own attempts', () => {
    spec
      .given(null)
      .when(logIn(false, 2))
      .then([newEvent(userLoginFailed, { userId: null, email: 'ada@example.com', reason: 'unknown-email', failedAttempts: 3 })]);
  });

  it('counts a wrong password, and locks on the failure that reaches the threshold', () => {
    spec
      .given(aUser({ failedLoginAttempts: 1 }))
      .when(logIn(false))
      .then([failed('wrong-password', 2)]);
    spec
      .given(aUser({ failedLoginAttempts: 2 }))
      .when(logIn(false))
      .then([failed('wrong-password', 3), locked(3)]);
  });

  it('refuses a deactivated account, even with the right password', () => {
    spec
      .given(aUser({ isActive: false }))
      .when(logIn(true))
      .then([failed('inactive', 1)]);
  });

  it('refuses a locked account, even with the right password, without locking it again', () => {
    spec
      .given(aUser({ failedLoginAttempts: 5, lockedUntil: minutesFromNow(5) }))
      .when(logIn(true))
      .then([failed('locked', 6)]);
  });

  it('lets a lock that has passed go', () => {
    spec
      .given(aUser({ failedLoginAttempts: 3, lockedUntil: minutesFromNow(0) }))
      .when(logIn(true))
      .then([loggedIn]);
  });

  it('asks for the forced password change, or the second factor, before any session', () => {
    spec
      .given(aUser({ mustChangePassword: true }))
      .when(logIn(true))
      .thenNothing();
    spec
      .given(aUser({ twoFactorEnabled: true }))
      .when(logIn(true))
      .thenNothing();
    expect(loginStep(aUser({ mustChangePassword: true, twoFactorEnabled: true }))).toBe('password-change');
    expect(loginStep(aUser({ twoFactorEnabled: true }))).toBe('second-factor');
    expect(loginStep(aUser())).toBe('signed-in');
  });

  it('answers a recorded failure with one code, whatever the reason', () => {
    expect(loginRefusal([failed('locked', 1)])?.code).toBe('AUTH.INVALID_CREDENTIALS');
    expect(loginRefusal([newEvent(userSecondFactorFailed, { ...ada, failedAttempts: 1 })])?.code).toBe('AUTH.INVALID_TWO_FACTOR_CODE');
    expect(loginRefusal([loggedIn])).toBeNull();
  });

  it('records a wrong confirming password like a failed login, and nothing while locked', () => {
    const command = { kind: 'record-wrong-password', now, lockout } as const;
    spec
      .given(aUser({ failedLoginAttempts: 2 }))
      .when(command)
      .then([failed('wrong-password', 3), locked(3)]);
    spec
      .given(aUser({ lockedUntil: minutesFromNow(1) }))
      .when(command)
      .thenNothing();
  });
});

describe('user decider: second step of a login', () => {
  const withTwoFactor = (overrides = {}) => aUser({ twoFactorEnabled: true, twoFactor: twoFactor(), ...overrides });
  const totp = (acceptedStep: number | null) =>
    ({ kind: 'complete-two-factor-login', proof: { kind: 'totp', acceptedStep }, now, lockout }) as const;
  const backupCode = (hash: string) => ({ kind: 'complete-two-factor-login', proof: { kind: 'backup-code', hash }, now, lockout }) as const;

  it('spends the time step of a right code and signs in', () => {
    spec
      .given(withTwoFactor())
      .when(totp(1234))
      .then([newEvent(userSecondFactorUsed, { ...ada, method: 'totp', backupCodesLeft: 2, timeStep: 1234 }), loggedIn]);
  });

  it('spends a backup code and signs in', () => {
    spec
      .given(withTwoFactor())
      .when(backupCode('h2'))
      .then([newEvent(userSecondFactorUsed, { ...ada, method: 'backup-code', backupCodesLeft: 1, backupCodeHash: 'h2' }), loggedIn]);
  });

  it('counts a wrong code or an unknown backup code toward the lockout', () => {
    const failure = (failedAttempts: number) => newEvent(userSecondFactorFailed, { ...ada, failedAttempts });
    spec
      .given(withTwoFactor())
      .when(totp(null))
      .then([failure(1)]);
    spec
      .given(withTwoFactor({ failedLoginAttempts: 2 }))
      .when(backupCode('nope'))
      .then([failure(3), locked(3)]);
  });

  it('refuses without 2FA on, for a missing, deactivated or locked account, or an unchecked code', () => {
    spec.given(null).when(totp(1)).thenThrows('AUTH.INVALID_CREDENTIALS');
    spec.given(aUser()).when(totp(1)).thenThrows('AUTH.INVALID_CREDENTIALS');
    spec
      .given(withTwoFactor({ twoFactor: twoFactor({ sealedSecret: null }) }))
      .when(totp(1))
      .thenThrows('AUTH.INVALID_CREDENTIALS');
    spec
      .given(withTwoFactor({ isActive: false }))
      .when(totp(1))
      .thenThrows('AUTH.INVALID_CREDENTIALS');
    spec
      .given(withTwoFactor({ lockedUntil: minutesFromNow(1) }))
      .when(totp(1))
      .thenThrows('AUTH.INVALID_CREDENTIALS');
    spec
      .given(withTwoFactor())
      .when({ kind: 'complete-two-factor-login', proof: null, now, lockout })
      .thenThrows('AUTH.INVALID_CREDENTIALS');
    expect(secondFactorOpen(withTwoFactor(), now)).toBe(true);
    expect(secondFactorOpen(withTwoFactor({ lockedUntil: minutesFromNow(1) }), now)).toBe(false);
  });
});

describe('user decider: two-factor enrolment', () => {
  it('sets up a secret unless 2FA is already on', () => {
    spec
      .given(aUser())
      .when({ kind: 'set-up-two-factor', encryptedSecret: 'v1.x' })
      .then([newEvent(userTwoFactorSetUp, { ...ada, encryptedSecret: 'v1.x' })]);
    spec
      .given(aUser({ twoFactorEnabled: true }))
      .when({ kind: 'set-up-two-factor', encryptedSecret: 'v1.x' })
      .thenThrows('AUTH.TWO_FACTOR_ALREADY_ENABLED');
  });

  it('enables with a right code from the pending secret, spending its step', () => {
    const enable = (acceptedStep: number | null) => ({ kind: 'enable-two-factor', acceptedStep, backupCodeHashes: ['a', 'b'] }) as const;
    spec
      .given(aUser({ twoFactor: twoFactor({ enabled: false }) }))
      .when(enable(99))
      .then([newEvent(userTwoFactorEnabled, { ...ada, backupCodeCount: 2, backupCodeHashes: ['a', 'b'], usedTimeStep: 99 })]);
    spec
      .given(aUser({ twoFactor: twoFactor({ enabled: false }) }))
      .when(enable(null))
      .thenThrows('AUTH.INVALID_TWO_FACTOR_CODE');
    spec
      .given(aUser({ twoFactor: twoFactor() }))
      .when(enable(99))
      .thenThrows('AUTH.TWO_FACTOR_ALREADY_ENABLED');
    spec.given(aUser()).when(enable(99)).thenThrows('AUTH.TWO_FACTOR_NOT_SET_UP');
    spec
      .given(aUser({ twoFactor: twoFactor({ enabled: false, sealedSecret: null }) }))
      .when(enable(99))
      .thenThrows('AUTH.TWO_FACTOR_NOT_SET_UP');
  });

  it('disables with a right code while on', () => {
    spec
      .given(aUser({ twoFactor: twoFactor() }))
      .when({ kind: 'disable-two-factor', acceptedStep: 5 })
      .then([newEvent(userTwoFactorDisabled, ada)]);
    spec
      .given(aUser({ twoFactor: twoFactor() }))
      .when({ kind: 'disable-two-factor', acceptedStep: null })
      .thenThrows('AUTH.INVALID_TWO_FACTOR_CODE');
    spec
      .given(aUser({ twoFactor: twoFactor({ enabled: false }) }))
      .when({ kind: 'disable-two-factor', acceptedStep: 5 })
      .thenThrows('AUTH.TWO_FACTOR_NOT_ENABLED');
    spec.given(aUser()).when({ kind: 'disable-two-factor', acceptedStep: 5 }).thenThrows('AUTH.TWO_FACTOR_NOT_ENABLED');
  });

  it('answers a missing account as not signed in', () => {
    spec.given(null).when({ kind: 'set-up-two-factor', encryptedSecret: 'v1.x' }).thenThrows('AUTH.UNAUTHENTICATED');
    spec.given(null).when({ kind: 'record-wrong-password', now, lockout }).thenThrows('AUTH.UNAUTHENTICATED');
  });
});
