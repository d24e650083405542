import { EntityManager } from '@mikro-orm/postgresql';
import {
  EventEnvelope,
  StoredPayload,
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
import { pgTextArray, Projector } from '@mindhill/persistence';
import { User } from './user.entity';

type Registered = StoredPayload<typeof userRegistered>;
type LoggedIn = StoredPayload<typeof userLoggedIn>;
type LoginFailed = StoredPayload<typeof userLoginFailed>;

// Keeps `users` (and user_tokens) in step with the user stream. Values come from the events only
// (never from the clock here), so replaying the stream rebuilds identical rows. Columns the
// entity maps go through the entity; the rest (backup codes, last TOTP step, tokens) through SQL
// after a flush, so rows created earlier in the same unit of work are visible.
export const userProjector: Projector = {
  name: 'users',
  handles: [
    userRegistered.type,
    userLoggedIn.type,
    userLoginFailed.type,
    userLocked.type,
    userUnlocked.type,
    userCreated.type,
    userPasswordChanged.type,
    userPasswordResetRequested.type,
    userEmailVerificationRequested.type,
    userEmailVerified.type,
    userTwoFactorSetUp.type,
    userTwoFactorEnabled.type,
    userTwoFactorDisabled.type,
    userSecondFactorUsed.type,
    userSecondFactorFailed.type,
    userProfileUpdated.type,
    userRoleChanged.type,
    userDeactivated.type,
    userDeleted.type,
  ],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    const at = new Date(event.occurredAt);
    const load = async (uuid: string) => {
      const user = await em.findOneOrFail(User, { uuid });
      user.updatedAt = at;
      return user;
    };
    const sql = async (query: string, params: unknown[]) => {
      await em.flush();
      await em.execute(query, params, 'run');
    };
    const addToken = (userId: string, hash: string, purpose: string, expiresAt: string) =>
      sql(
        `INSERT INTO user_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES (?, (SELECT id FROM users WHERE uuid = ?), ?, ?, ?)`,
        [hash, userId, purpose, event.occurredAt, expiresAt],
      );
    switch (event.type) {
      case userRegistered.type: {
        const p = event.payload as Registered;
        em.create(User, {
          id: p.userNumber,
          uuid: p.userId,
          email: p.email,
          passwordHash: p.passwordHash,
          displayName: p.displayName,
          role: p.role,
          passwordChangedAt: at,
          createdAt: at,
          updatedAt: at,
        });
        if (p.verificationTokenHash && p.verificationExpiresAt)
          await addToken(p.userId, p.verificationTokenHash, 'email-verification', p.verificationExpiresAt);
        return;
      }
      case userCreated.type: {
        const p = event.payload as StoredPayload<typeof userCreated>;
        em.create(User, {
          id: p.userNumber,
          uuid: p.userId,
          email: p.email,
          passwordHash: p.passwordHash,
          displayName: p.displayName,
          role: p.role,
          passwordChangedAt: at,
          createdAt: at,
          updatedAt: at,
          mustChangePassword: p.mustChangePassword,
        });
        return;
      }
      case userLoggedIn.type: {
        const p = event.payload as LoggedIn;
        const user = await load(p.userId);
        user.loginCount = p.loginCount;
        user.lastLoginAt = new Date(p.loggedInAt);
        user.failedLoginAttempts = 0;
        user.lockedUntil = null;
        return;
      }
      case userLocked.type: {
        const p = event.payload as StoredPayload<typeof userLocked>;
        (await load(p.userId)).lockedUntil = new Date(p.lockedUntil);
        return;
      }
      case userUnlocked.type: {
        const p = event.payload as StoredPayload<typeof userUnlocked>;
        const user = await load(p.userId);
        user.lockedUntil = null;
        user.failedLoginAttempts = 0;
        return;
      }
      case userLoginFailed.type: {
        const p = event.payload as LoginFailed;
        if (!p.userId) return;
        (await load(p.userId)).failedLoginAttempts = p.failedAttempts;
        return;
      }
      case userSecondFactorFailed.type: {
        const p = event.payload as StoredPayload<typeof userSecondFactorFailed>;
        (await load(p.userId)).failedLoginAttempts = p.failedAttempts;
        return;
      }
      case userPasswordChanged.type: {
        const p = event.payload as StoredPayload<typeof userPasswordChanged>;
        const user = await load(p.userId);
        user.passwordHash = p.passwordHash;
        user.passwordChangedAt = new Date(p.changedAt);
        user.mustChangePassword = false;
        if (p.via === 'reset') {
          // Proving control of the mailbox also lifts a lockout.
          user.failedLoginAttempts = 0;
          user.lockedUntil = null;
        }
        // Every outstanding reset token dies with the old password.
        await sql(
          `UPDATE user_tokens SET consumed_at = ? WHERE user_id = (SELECT id FROM users WHERE uuid = ?) AND purpose = 'password-reset' AND consumed_at IS NULL`,
          [event.occurredAt, p.userId],
        );
        return;
      }
      case userPasswordResetRequested.type: {
        const p = event.payload as StoredPayload<typeof userPasswordResetRequested>;
        await load(p.userId);
        await addToken(p.userId, p.tokenHash, 'password-reset', p.expiresAt);
        return;
      }
      case userEmailVerificationRequested.type: {
        const p = event.payload as StoredPayload<typeof userEmailVerificationRequested>;
        await load(p.userId);
        await addToken(p.userId, p.tokenHash, 'email-verification', p.expiresAt);
        return;
      }
      case userEmailVerified.type: {
        const p = event.payload as StoredPayload<typeof userEmailVerified>;
        const user = await load(p.userId);
        user.isEmailVerified = true;
        user.emailVerifiedAt = new Date(p.verifiedAt);
        await sql(
          `UPDATE user_tokens SET consumed_at = ? WHERE user_id = (SELECT id FROM users WHERE uuid = ?) AND purpose = 'email-verification' AND consumed_at IS NULL`,
          [event.occurredAt, p.userId],
        );
        return;
      }
      case userTwoFactorSetUp.type: {
        const p = event.payload as StoredPayload<typeof userTwoFactorSetUp>;
        const user = await load(p.userId);
        user.twoFactorSecret = p.encryptedSecret;
        user.twoFactorEnabled = false;
        return;
      }
      case userTwoFactorEnabled.type: {
        const p = event.payload as StoredPayload<typeof userTwoFactorEnabled>;
        (await load(p.userId)).twoFactorEnabled = true;
        await sql(`UPDATE users SET backup_codes = ?, two_factor_last_step = ? WHERE uuid = ?`, [
          pgTextArray(p.backupCodeHashes),
          p.usedTimeStep,
          p.userId,
        ]);
        return;
      }
      case userTwoFactorDisabled.type: {
        const p = event.payload as StoredPayload<typeof userTwoFactorDisabled>;
        const user = await load(p.userId);
        user.twoFactorEnabled = false;
        user.twoFactorSecret = null;
        await sql(`UPDATE users SET backup_codes = NULL, two_factor_last_step = NULL WHERE uuid = ?`, [p.userId]);
        return;
      }
      case userSecondFactorUsed.type: {
        const p = event.payload as StoredPayload<typeof userSecondFactorUsed>;
        await load(p.userId);
        if (p.timeStep !== undefined) await sql(`UPDATE users SET two_factor_last_step = ? WHERE uuid = ?`, [p.timeStep, p.userId]);
        if (p.backupCodeHash)
          await sql(`UPDATE users SET backup_codes = array_remove(backup_codes, ?) WHERE uuid = ?`, [p.backupCodeHash, p.userId]);
        return;
      }
      case userProfileUpdated.type: {
        const p = event.payload as StoredPayload<typeof userProfileUpdated>;
        Object.assign(await load(p.userId), p.changes);
        return;
      }
      case userRoleChanged.type: {
        const p = event.payload as StoredPayload<typeof userRoleChanged>;
        (await load(p.userId)).role = p.newRole;
        return;
      }
      case userDeactivated.type: {
        const p = event.payload as StoredPayload<typeof userDeactivated>;
        (await load(p.userId)).isActive = false;
        return;
      }
      case userDeleted.type: {
        const p = event.payload as StoredPayload<typeof userDeleted>;
        const user = await load(p.userId);
        user.isActive = false;
        user.deletedAt = new Date(p.deletedAt);
        return;
      }
    }
  },
};
