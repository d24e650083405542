import { Inject, Injectable } from '@nestjs/common';
import {
  userSecondFactorFailed,
  userSecondFactorUsed,
  userTwoFactorDisabled,
  userTwoFactorEnabled,
  userTwoFactorSetUp,
} from '@mindhill/contracts';
import { EventContext, EventStore, newEvent } from '@mindhill/persistence';
import { DomainError } from '@mindhill/platform';
import { isLocked, LockoutPolicy } from '../../domain/lockout.policy';
import { SecretBox } from '../../domain/secret-box';
import { acceptedTimeStep, hashBackupCode, newBackupCodes, newTotpSecret, otpauthUrl } from '../../domain/totp';
import { PasswordHasher } from '../../infrastructure/password-hasher';
import { PurposeTokens } from '../../infrastructure/purpose-tokens';
import { twoFactorStateOf } from '../../infrastructure/two-factor.store';
import { User } from '../../infrastructure/user.entity';
import { failureEvents, invalidCredentials, LOCKOUT_POLICY, LoginUserHandler, SignedIn } from '../login-user/login-user.handler';

const invalidCode = () => new DomainError('AUTH.INVALID_TWO_FACTOR_CODE', 'The code is wrong or was already used', 'invalid');

@Injectable()
export class TwoFactorHandlers {
  constructor(
    private readonly events: EventStore,
    private readonly box: SecretBox,
    private readonly hasher: PasswordHasher,
    private readonly purposeTokens: PurposeTokens,
    private readonly login: LoginUserHandler,
    @Inject(LOCKOUT_POLICY) private readonly lockout: LockoutPolicy,
  ) {}

  // A new secret, shown once; 2FA is on only after a code from it is confirmed.
  async setup(context: EventContext): Promise<{ secret: string; otpauthUrl: string }> {
    const user = await this.signedInUser(context);
    if (user.twoFactorEnabled)
      throw new DomainError('AUTH.TWO_FACTOR_ALREADY_ENABLED', 'Two-factor sign-in is already on: disable it first', 'conflict');
    const secret = newTotpSecret();
    await this.events.transact(async (tx) => {
      const streamId = `user-${user.uuid}`;
      await tx.append(
        streamId,
        await tx.streamVersion(streamId),
        [newEvent(userTwoFactorSetUp, { userId: user.uuid, email: user.email, encryptedSecret: this.box.seal(secret) })],
        context,
      );
    });
    return { secret, otpauthUrl: otpauthUrl(user.email, secret) };
  }

  async enable(code: string, context: EventContext): Promise<{ enabled: true; backupCodes: string[] }> {
    const user = await this.signedInUser(context);
    const backupCodes = newBackupCodes();
    await this.events.transact(async (tx) => {
      const state = await twoFactorStateOf(tx.em, user.uuid);
      if (state?.enabled) throw new DomainError('AUTH.TWO_FACTOR_ALREADY_ENABLED', 'Two-factor sign-in is already on', 'conflict');
      if (!state?.sealedSecret) throw new DomainError('AUTH.TWO_FACTOR_NOT_SET_UP', 'Start with POST /api/v1/auth/2fa/setup', 'conflict');
      const step = acceptedTimeStep(this.box.open(state.sealedSecret), code, new Date(), null);
      if (step === null) throw invalidCode();
      const streamId = `user-${user.uuid}`;
      await tx.append(
        streamId,
        await tx.streamVersion(streamId),
        [
          newEvent(userTwoFactorEnabled, {
            userId: user.uuid,
            email: user.email,
            backupCodeCount: backupCodes.length,
            backupCodeHashes: backupCodes.map((c) => hashBackupCode(user.uuid, c)),
            usedTimeStep: step,
          }),
        ],
        context,
      );
    });
    return { enabled: true, backupCodes };
  }

  async disable(command: { password: string; code: string }, context: EventContext): Promise<{ enabled: false }> {
    const user = await this.signedInUser(context);
    if (!(await this.hasher.verify(user.passwordHash, command.password))) {
      await this.login.recordWrongPassword(user.uuid, context);
      throw new DomainError('AUTH.INVALID_CURRENT_PASSWORD', 'The password is wrong', 'invalid');
    }
    await this.events.transact(async (tx) => {
      const state = await twoFactorStateOf(tx.em, user.uuid);
      if (!state?.enabled || !state.sealedSecret)
        throw new DomainError('AUTH.TWO_FACTOR_NOT_ENABLED', 'Two-factor sign-in is not on', 'conflict');
      if (acceptedTimeStep(this.box.open(state.sealedSecret), command.code, new Date(), state.lastUsedStep) === null) throw invalidCode();
      const streamId = `user-${user.uuid}`;
      await tx.append(
        streamId,
        await tx.streamVersion(streamId),
        [newEvent(userTwoFactorDisabled, { userId: user.uuid, email: user.email })],
        context,
      );
    });
    return { enabled: false };
  }

  // The second step of a 2FA login. A wrong code counts as a failed login (lockout); a right
  // one is spent: its time step, or the backup code.
  async completeLogin(command: { mfaToken: string; code?: string; backupCode?: string }, context: EventContext): Promise<SignedIn> {
    const userId = await this.purposeTokens.verify('mfa', command.mfaToken);
    const outcome = await this.events.transact(async (tx) => {
      const readAt = await tx.streamVersion(`user-${userId}`);
      const user = await tx.em.findOne(User, { uuid: userId, deletedAt: null }, { refresh: true });
      const state = user ? await twoFactorStateOf(tx.em, user.uuid) : null;
      if (!user || !state?.enabled || !state.sealedSecret) return { error: 'invalid' as const };
      const now = new Date();
      if (!user.isActive || isLocked(user.lockedUntil, now)) return { error: 'refused' as const };
      let used: { timeStep?: number; backupCodeHash?: string } | null = null;
      if (command.code) {
        const step = acceptedTimeStep(this.box.open(state.sealedSecret), command.code, now, state.lastUsedStep);
        if (step !== null) used = { timeStep: step };
      } else if (command.backupCode) {
        const hash = hashBackupCode(user.uuid, command.backupCode);
        if (state.backupCodeHashes.includes(hash)) used = { backupCodeHash: hash };
      }
      const streamId = `user-${user.uuid}`;
      if (!used) {
        const failedAttempts = user.failedLoginAttempts + 1;
        const failure = newEvent(userSecondFactorFailed, { userId: user.uuid, email: user.email, failedAttempts });
        await tx.append(
          streamId,
          await tx.streamVersion(streamId),
          failureEvents(this.lockout, user, failure, failedAttempts, now),
          context,
        );
        return { error: 'wrong' as const };
      }
      const backupCodesLeft = state.backupCodeHashes.length - (used.backupCodeHash ? 1 : 0);
      const signedIn = await this.login.signIn(
        tx,
        user,
        [
          newEvent(userSecondFactorUsed, {
            userId: user.uuid,
            email: user.email,
            method: used.backupCodeHash ? 'backup-code' : 'totp',
            backupCodesLeft,
            ...used,
          }),
        ],
        context,
        readAt,
      );
      return { user, ...signedIn };
    });
    if ('error' in outcome) {
      if (outcome.error === 'wrong')
        throw new DomainError('AUTH.INVALID_TWO_FACTOR_CODE', 'The code is wrong or was already used', 'unauthorized');
      throw invalidCredentials();
    }
    return this.login.tokensFor(outcome.user, outcome.sessionId, outcome.refreshToken, outcome.userVersion);
  }

  private async signedInUser(context: EventContext): Promise<User> {
    const user = context.actor.userId
      ? await this.events
          .readModel()
          .findOne(User, { uuid: context.actor.userId, deletedAt: null, isActive: true }, { populate: ['passwordHash'] })
      : null;
    if (!user) throw new DomainError('AUTH.UNAUTHENTICATED', 'Sign in first', 'unauthorized');
    return user;
  }
}
