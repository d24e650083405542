import { Inject, Injectable } from '@nestjs/common';
import { streamIds } from '@mindhill/contracts';
import { EventContext, EventStore } from '@mindhill/persistence';
import { SecretBox } from '../../../signing-keys/infrastructure/secret-box';
import { LockoutPolicy } from '../../domain/lockout.policy';
import { acceptedTimeStep, hashBackupCode } from '../../domain/totp';
import { loginRefusal, secondFactorOpen, userDecider, WithSecret } from '../../domain/user.decider';
import { userErrors } from '../../domain/user.errors';
import { SecondFactorProof } from '../../domain/user.state';
import { PurposeTokens } from '../../infrastructure/purpose-tokens';
import { twoFactorStateOf } from '../../infrastructure/two-factor.store';
import { appendToUser } from '../../infrastructure/user-stream.store';
import { User } from '../../infrastructure/user.entity';
import { userStateOf } from '../../infrastructure/user.read-model';
import { LOCKOUT_POLICY } from '../../users.config';
import { SignedIn, SignInHandler } from '../sign-in/sign-in.handler';
import { CompleteTwoFactorLoginBody } from './complete-two-factor-login.schema';

// The second step of a 2FA login (POST login/2fa).
@Injectable()
export class CompleteTwoFactorLoginHandler {
  constructor(
    private readonly events: EventStore,
    private readonly box: SecretBox,
    private readonly purposeTokens: PurposeTokens,
    private readonly signIn: SignInHandler,
    @Inject(LOCKOUT_POLICY) private readonly lockout: LockoutPolicy,
  ) {}

  async execute(command: CompleteTwoFactorLoginBody, context: EventContext): Promise<SignedIn> {
    const userId = await this.purposeTokens.verify('mfa', command.mfaToken);
    const outcome = await this.events.transact(async (tx) => {
      const readAt = await tx.streamVersion(streamIds.user(userId));
      const user = await tx.em.findOne(User, { uuid: userId, deletedAt: null }, { refresh: true });
      const state = user && userStateOf(user, await twoFactorStateOf(tx.em, user.uuid));
      const now = new Date();
      // The secret is opened only when the step may succeed at all.
      const proof = secondFactorOpen(state, now) ? this.proof(state, command, now) : null;
      const events = userDecider.decide(state, { kind: 'complete-two-factor-login', proof, now, lockout: this.lockout });
      const refusal = loginRefusal(events);
      if (refusal || !user) {
        // A wrong code is recorded (it counts toward the lockout), then refused.
        if (user) await appendToUser(tx, user.uuid, events, context);
        return { refusal: refusal ?? userErrors.invalidCredentials() };
      }
      return { user, ...(await this.signIn.within(tx, user, events, context, readAt)) };
    });
    if ('refusal' in outcome) throw outcome.refusal;
    return this.signIn.tokensFor(outcome.user, outcome.sessionId, outcome.refreshToken, outcome.userVersion);
  }

  private proof(state: WithSecret, command: CompleteTwoFactorLoginBody, now: Date): SecondFactorProof {
    if ('code' in command) {
      const secret = this.box.open(state.twoFactor.sealedSecret);
      return { kind: 'totp', acceptedStep: acceptedTimeStep(secret, command.code, now, state.twoFactor.lastUsedStep) };
    }
    return { kind: 'backup-code', hash: hashBackupCode(state.userId, command.backupCode) };
  }
}
