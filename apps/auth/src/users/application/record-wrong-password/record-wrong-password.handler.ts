import { Inject, Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { LockoutPolicy } from '../../domain/lockout.policy';
import { userDecider } from '../../domain/user.decider';
import { appendToUser } from '../../infrastructure/user-stream.store';
import { User } from '../../infrastructure/user.entity';
import { userStateOf } from '../../infrastructure/user.read-model';
import { LOCKOUT_POLICY } from '../../users.config';

// A wrong password given to confirm a sensitive change (change-password, disable-two-factor)
// counts like a failed login, so a stolen access token cannot be used to guess the password.
// Its own transaction: the failure stays recorded while the change is refused.
@Injectable()
export class RecordWrongPasswordHandler {
  constructor(
    private readonly events: EventStore,
    @Inject(LOCKOUT_POLICY) private readonly lockout: LockoutPolicy,
  ) {}

  async execute(userUuid: string, context: EventContext): Promise<void> {
    await this.events.transact(async (tx) => {
      const user = await tx.em.findOneOrFail(User, { uuid: userUuid }, { refresh: true });
      const events = userDecider.decide(userStateOf(user), { kind: 'record-wrong-password', now: new Date(), lockout: this.lockout });
      await appendToUser(tx, user.uuid, events, context);
    });
  }
}
