import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { streamIds } from '@mindhill/contracts';
import { EventContext, EventStore } from '@mindhill/persistence';
import { LockoutPolicy } from '../../domain/lockout.policy';
import { loginRefusal, LoginStep, loginStep, userDecider } from '../../domain/user.decider';
import { userErrors } from '../../domain/user.errors';
import { PasswordHasher } from '../../infrastructure/password-hasher';
import { PurposeTokens } from '../../infrastructure/purpose-tokens';
import { User } from '../../infrastructure/user.entity';
import { userStateOf } from '../../infrastructure/user.read-model';
import { LOCKOUT_POLICY } from '../../users.config';
import { SignedIn, SignInHandler } from '../sign-in/sign-in.handler';
import { LoginUserBody } from './login-user.schema';

// A 2FA account answers with a second step; an account with a generated password with the
// forced change. Neither carries an access token.
export type LoginResult = SignedIn | { mfaRequired: true; mfaToken: string } | { passwordChangeRequired: true; changeToken: string };

// Failures for an e-mail no account has are counted on a stream of their own, named by a hash
// of the address (not a user stream, and not the address itself).
const loginAttemptsStreamId = (email: string) => streamIds.loginAttempts(createHash('sha256').update(email).digest('hex').slice(0, 32));

@Injectable()
export class LoginUserHandler {
  constructor(
    private readonly events: EventStore,
    private readonly hasher: PasswordHasher,
    private readonly purposeTokens: PurposeTokens,
    private readonly signIn: SignInHandler,
    @Inject(LOCKOUT_POLICY) private readonly lockout: LockoutPolicy,
  ) {}

  async execute(command: LoginUserBody, context: EventContext): Promise<LoginResult> {
    const email = command.email.trim().toLowerCase();
    const found = await this.findUser(email);
    // Always one argon2 verification, whether or not the account exists.
    const passwordMatches = await this.hasher.verify(found?.passwordHash ?? null, command.password);

    const outcome = await this.events.transact(async (tx) => {
      const streamId = found ? streamIds.user(found.uuid) : loginAttemptsStreamId(email);
      const version = await tx.streamVersion(streamId);
      const user = found ? await tx.em.findOneOrFail(User, { uuid: found.uuid }, { refresh: true }) : null;
      const state = user && userStateOf(user);
      const events = userDecider.decide(state, {
        kind: 'log-in',
        email,
        passwordMatches,
        unknownEmailAttempts: version,
        now: new Date(),
        lockout: this.lockout,
      });
      const refusal = loginRefusal(events);
      if (refusal || !user || !state) {
        // The failure is recorded (it counts toward the lockout), then refused.
        await tx.append(streamId, version, events, context);
        return { refusal: refusal ?? userErrors.invalidCredentials() };
      }
      const step = loginStep(state);
      if (step !== 'signed-in') return { step, user };
      return { step, user, ...(await this.signIn.within(tx, user, events, context, version)) };
    });

    if ('refusal' in outcome) throw outcome.refusal;
    if (outcome.step !== 'signed-in') return this.nextStep(outcome.step, outcome.user.uuid);
    return this.signIn.tokensFor(outcome.user, outcome.sessionId, outcome.refreshToken, outcome.userVersion);
  }

  private async nextStep(step: Exclude<LoginStep, 'signed-in'>, userId: string): Promise<LoginResult> {
    if (step === 'password-change')
      return { passwordChangeRequired: true, changeToken: await this.purposeTokens.issue('password-change', userId) };
    return { mfaRequired: true, mfaToken: await this.purposeTokens.issue('mfa', userId) };
  }

  private async findUser(email: string): Promise<{ uuid: string; passwordHash: string } | null> {
    const user = await this.events.readModel().findOne(User, { email, deletedAt: null }, { populate: ['passwordHash'] });
    return user ? { uuid: user.uuid, passwordHash: user.passwordHash } : null;
  }
}
