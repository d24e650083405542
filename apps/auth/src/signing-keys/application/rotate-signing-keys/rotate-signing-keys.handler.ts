import { Inject, Injectable } from '@nestjs/common';
import { signingKeyActivated, signingKeyCreated, streamIds } from '@mindhill/contracts';
import { assertAdmin } from '@mindhill/domain';
import { EventContext, EventStore, newEvent } from '@mindhill/persistence';
import { getLogger } from '@mindhill/platform';
import { planRotation, RotationStep, SigningKeySummary } from '../../domain/key-rotation.policy';
import { generateSigningKey, openSigningKey } from '../../infrastructure/ed25519-key-material';
import { SigningKeyReader } from '../../infrastructure/signing-key.reader';
import { findSigningKeys, SigningKeyRow } from '../../infrastructure/signing-key.read-model';
import { SIGNING_KEY_POLICY, SigningKeyPolicy } from '../../signing-keys.config';
import { ListSigningKeysQuery } from '../list-signing-keys/list-signing-keys.query';

const LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('mindhill.auth.signing-keys'))`;

// Creates and rotates the keys that sign access tokens: on schedule (rotate-signing-keys.job.ts),
// on an admin's demand, or when the active one cannot be opened. Replicas agree through an
// advisory lock.
@Injectable()
export class RotateSigningKeysHandler {
  private readonly logger = getLogger('signing-keys');

  constructor(
    private readonly events: EventStore,
    private readonly reader: SigningKeyReader,
    private readonly list: ListSigningKeysQuery,
    @Inject(SIGNING_KEY_POLICY) private readonly policy: SigningKeyPolicy,
  ) {}

  // POST signing-keys/rotate: the next key becomes active now; answers the new list.
  async execute(context: EventContext) {
    assertAdmin(context.actor, 'Signing key administration');
    await this.apply(true, context);
    return this.list.execute(context);
  }

  // Whatever the plan says now: publish a missing next key, rotate when due (or when manual).
  async apply(manual: boolean, context: EventContext): Promise<void> {
    const steps = await this.events.transact(async (tx) => {
      await tx.em.execute(LOCK_SQL);
      const rows = await findSigningKeys(tx.em, new Date());
      const plan = planRotation(
        rows.map((r) => this.summarize(r)),
        new Date(),
        this.policy.rotationDays,
        manual,
      );
      let nextKid = rows.find((r) => r.state === 'next')?.kid;
      let activeKid = rows.find((r) => r.state === 'active')?.kid ?? null;
      for (const step of plan) {
        if (step.kind === 'create-next') {
          const material = await generateSigningKey(this.policy.box);
          await tx.append(streamIds.signingKey(material.kid), 0, [newEvent(signingKeyCreated, { alg: 'EdDSA', ...material })], context);
          nextKid = material.kid;
        } else {
          const streamId = streamIds.signingKey(nextKid!);
          await tx.append(
            streamId,
            await tx.streamVersion(streamId),
            [
              newEvent(signingKeyActivated, {
                kid: nextKid!,
                previousKid: activeKid,
                reason: step.reason,
                rotatedBy: context.actor.userId ?? null,
              }),
            ],
            context,
          );
          activeKid = nextKid!;
          nextKid = undefined;
        }
      }
      return plan;
    });
    this.logSteps(steps);
    await this.reader.reload();
  }

  private summarize(r: SigningKeyRow): SigningKeySummary {
    return {
      kid: r.kid,
      state: r.state,
      activatedAt: r.activated_at,
      deactivatedAt: r.deactivated_at,
      usable: openSigningKey(this.policy.box, r.sealed_private_key) !== null,
    };
  }

  private logSteps(steps: RotationStep[]): void {
    const activation = steps.find((s) => s.kind === 'activate-next');
    if (activation?.kind === 'activate-next') this.logger.info({ reason: activation.reason }, 'Access-token signing key rotated');
    else if (steps.length > 0) this.logger.info('Next access-token signing key published');
  }
}
