import {
  newEvent,
  userCreated,
  userDeactivated,
  userDeleted,
  userEmailVerificationRequested,
  userEmailVerified,
  userPasswordChanged,
  userPasswordResetRequested,
  userProfileUpdated,
  userRegistered,
  userRoleChanged,
  userUnlocked,
} from '@mindhill/contracts';
import { deciderSpecification } from '@mindhill/testing/decider-specification';
import { ADA, aUser, GRACE, minutesFromNow, now } from '../../../test/user-state.fixtures';
import { userDecider } from './user.decider';

const spec = deciderSpecification(userDecider);
const ada = { userId: ADA, email: 'ada@example.com' };
const identity = { userId: ADA, userNumber: 7 };

describe('user decider: new accounts', () => {
  const register = (withIdentity: boolean, verification: { tokenHash: string; expiresAt: string } | null = null) =>
    ({
      kind: 'register',
      identity: withIdentity ? identity : null,
      email: 'ada@example.com',
      displayName: 'Ada',
      role: 'user',
      source: 'self-service',
      passwordHash: '$argon2id$x',
      verification,
    }) as const;

  it('registers a new e-mail, with its verification token hashed in the event', () => {
    const base = { ...identity, email: 'ada@example.com', displayName: 'Ada', role: 'user', source: 'self-service' } as const;
    spec
      .given(null)
      .when(register(true))
      .then([newEvent(userRegistered, { ...base, passwordHash: '$argon2id$x' })]);
    spec
      .given(null)
      .when(register(true, { tokenHash: 't', expiresAt: now.toISOString() }))
      .then([
        newEvent(userRegistered, {
          ...base,
          passwordHash: '$argon2id$x',
          verificationTokenHash: 't',
          verificationExpiresAt: now.toISOString(),
        }),
      ]);
  });

  it('refuses an e-mail a live account has', () => {
    spec.given(aUser()).when(register(false)).thenThrows('AUTH.EMAIL_TAKEN');
  });

  it('creates an account for an admin, or the first admin, and refuses a taken e-mail', () => {
    const create = {
      kind: 'create',
      identity,
      email: 'ada@example.com',
      displayName: 'Ada',
      role: 'admin',
      source: 'bootstrap-generated',
      createdBy: null,
      mustChangePassword: true,
      passwordHash: 'h',
    } as const;
    const { kind: _kind, identity: _identity, ...fields } = create;
    spec
      .given(null)
      .when(create)
      .then([newEvent(userCreated, { ...identity, ...fields })]);
    spec
      .given(aUser())
      .when({ ...create, identity: null })
      .thenThrows('AUTH.EMAIL_TAKEN');
  });
});

describe('user decider: passwords and e-mail links', () => {
  it('changes the password, as a forced change when the account had a generated one', () => {
    const change = { kind: 'change-password', passwordHash: 'new', reusesCurrentPassword: false, now } as const;
    const changed = (via: 'change' | 'forced-change') =>
      newEvent(userPasswordChanged, { ...ada, via, changedAt: now.toISOString(), passwordHash: 'new' });
    spec
      .given(aUser())
      .when(change)
      .then([changed('change')]);
    spec
      .given(aUser({ mustChangePassword: true }))
      .when(change)
      .then([changed('forced-change')]);
    spec
      .given(aUser())
      .when({ ...change, reusesCurrentPassword: true })
      .thenThrows('AUTH.PASSWORD_UNCHANGED');
  });

  it('sends a reset link to an active account only', () => {
    const request = { kind: 'request-password-reset', tokenHash: 't', expiresAt: minutesFromNow(30) } as const;
    spec
      .given(aUser())
      .when(request)
      .then([newEvent(userPasswordResetRequested, { ...ada, expiresAt: minutesFromNow(30).toISOString(), tokenHash: 't' })]);
    spec
      .given(aUser({ isActive: false }))
      .when(request)
      .thenNothing();
    spec.given(null).when(request).thenNothing();
  });

  it('resets with an unspent, unexpired link of an active account', () => {
    const reset = (token: { consumed: boolean; expiresAt: Date } | null) =>
      ({ kind: 'reset-password', token, tokenHash: 't', passwordHash: 'new', now }) as const;
    const fresh = { consumed: false, expiresAt: minutesFromNow(10) };
    spec
      .given(aUser())
      .when(reset(fresh))
      .then([
        newEvent(userPasswordChanged, { ...ada, via: 'reset', changedAt: now.toISOString(), passwordHash: 'new', consumedTokenHash: 't' }),
      ]);
    spec
      .given(aUser())
      .when(reset({ ...fresh, consumed: true }))
      .thenThrows('AUTH.INVALID_TOKEN');
    spec
      .given(aUser({ isActive: false }))
      .when(reset(fresh))
      .thenThrows('AUTH.INVALID_TOKEN');
    spec.given(aUser()).when(reset(null)).thenThrows('AUTH.INVALID_TOKEN');
    spec.given(null).when(reset(fresh)).thenThrows('AUTH.INVALID_TOKEN');
    spec
      .given(aUser())
      .when(reset({ consumed: false, expiresAt: now }))
      .thenThrows('AUTH.TOKEN_EXPIRED');
  });

  it('sends a verification link unless the address is verified', () => {
    const request = { kind: 'request-email-verification', tokenHash: 't', expiresAt: now.toISOString() } as const;
    spec
      .given(aUser())
      .when(request)
      .then([newEvent(userEmailVerificationRequested, { ...ada, expiresAt: now.toISOString(), tokenHash: 't' })]);
    spec
      .given(aUser({ isEmailVerified: true }))
      .when(request)
      .thenThrows('AUTH.EMAIL_ALREADY_VERIFIED');
  });

  it('verifies with an unspent, unexpired link, even for a deactivated account', () => {
    const verify = (token: { consumed: boolean; expiresAt: Date }) => ({ kind: 'verify-email', token, tokenHash: 't', now }) as const;
    const verified = newEvent(userEmailVerified, { ...ada, verifiedAt: now.toISOString(), consumedTokenHash: 't' });
    spec
      .given(aUser({ isActive: false }))
      .when(verify({ consumed: false, expiresAt: minutesFromNow(1) }))
      .then([verified]);
    spec
      .given(aUser())
      .when(verify({ consumed: true, expiresAt: minutesFromNow(1) }))
      .thenThrows('AUTH.INVALID_TOKEN');
    spec
      .given(aUser())
      .when(verify({ consumed: false, expiresAt: minutesFromNow(-1) }))
      .thenThrows('AUTH.TOKEN_EXPIRED');
  });
});

describe('user decider: profile', () => {
  it('records only what differs, and nothing when nothing does', () => {
    spec
      .given(aUser())
      .when({ kind: 'update-profile', changes: { displayName: 'Ada', firstName: 'Ada', uiPreferences: { theme: 'dark' } } })
      .then([newEvent(userProfileUpdated, { ...ada, changes: { firstName: 'Ada', uiPreferences: { theme: 'dark' } } })]);
    spec
      .given(aUser())
      .when({ kind: 'update-profile', changes: { timezone: 'UTC', lastName: null } })
      .thenNothing();
  });

  it('answers a missing account as not signed in', () => {
    spec.given(null).when({ kind: 'update-profile', changes: {} }).thenThrows('AUTH.UNAUTHENTICATED');
  });
});

describe('user decider: administration', () => {
  const admin = aUser({ role: 'admin' });
  const bothAdmins = [ADA, GRACE];

  it('changes a role, and does nothing when it is the same', () => {
    spec
      .given(aUser())
      .when({ kind: 'change-role', target: ADA, role: 'viewer', activeAdmins: [GRACE] })
      .then([newEvent(userRoleChanged, { ...ada, oldRole: 'user', newRole: 'viewer' })]);
    spec
      .given(admin)
      .when({ kind: 'change-role', target: ADA, role: 'admin', activeAdmins: [ADA] })
      .thenNothing();
  });

  it('never demotes, deactivates or deletes the last active admin', () => {
    spec
      .given(admin)
      .when({ kind: 'change-role', target: ADA, role: 'user', activeAdmins: [ADA] })
      .thenThrows('AUTH.LAST_ADMIN');
    spec
      .given(admin)
      .when({ kind: 'deactivate', target: ADA, activeAdmins: [ADA], now })
      .thenThrows('AUTH.LAST_ADMIN');
    spec
      .given(admin)
      .when({ kind: 'delete', target: ADA, activeAdmins: [ADA], now })
      .thenThrows('AUTH.LAST_ADMIN');
    spec
      .given(admin)
      .when({ kind: 'change-role', target: ADA, role: 'user', activeAdmins: bothAdmins })
      .then([newEvent(userRoleChanged, { ...ada, oldRole: 'admin', newRole: 'user' })]);
  });

  it('lets a deactivated admin go without another one', () => {
    const inactiveAdmin = aUser({ role: 'admin', isActive: false });
    spec
      .given(inactiveAdmin)
      .when({ kind: 'change-role', target: ADA, role: 'user', activeAdmins: [] })
      .then([newEvent(userRoleChanged, { ...ada, oldRole: 'admin', newRole: 'user' })]);
    spec
      .given(inactiveAdmin)
      .when({ kind: 'delete', target: ADA, activeAdmins: [], now })
      .then([newEvent(userDeleted, { ...ada, deletedAt: now.toISOString() })]);
  });

  it('deactivates once', () => {
    spec
      .given(admin)
      .when({ kind: 'deactivate', target: ADA, activeAdmins: bothAdmins, now })
      .then([newEvent(userDeactivated, { ...ada, deactivatedAt: now.toISOString() })]);
    spec
      .given(aUser({ isActive: false }))
      .when({ kind: 'deactivate', target: ADA, activeAdmins: [], now })
      .thenNothing();
  });

  it('unlocks, naming who did', () => {
    spec
      .given(aUser({ lockedUntil: minutesFromNow(5) }))
      .when({ kind: 'unlock', target: ADA, unlockedBy: 1 })
      .then([newEvent(userUnlocked, { ...ada, unlockedBy: 1 })]);
  });

  it('answers an account that is not there as not found', () => {
    spec.given(null).when({ kind: 'unlock', target: 'nobody', unlockedBy: 1 }).thenThrows('AUTH.USER_NOT_FOUND');
    spec.given(null).when({ kind: 'delete', target: 'nobody', activeAdmins: [], now }).thenThrows('AUTH.USER_NOT_FOUND');
  });
});
