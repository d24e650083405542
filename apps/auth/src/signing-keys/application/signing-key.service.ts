import { KeyObject } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { signingKeyActivated, signingKeyCreated } from '@mindhill/contracts';
import { EventContext, EventStore, newEvent } from '@mindhill/persistence';
import { assertAdmin, DomainError, getLogger, systemContext } from '@mindhill/platform';
import { SecretBox } from '../../users/domain/secret-box';
import { planRotation, RotationStep, SigningKeySummary } from '../domain/key-rotation.policy';
import { generateSigningKey, openSigningKey } from '../infrastructure/ed25519-key-material';
import { signingKeyStreamId } from '../infrastructure/signing-key.projector';
import { findSigningKeys, SigningKeyRow } from '../infrastructure/signing-key.read-model';

export const SIGNING_KEY_POLICY = Symbol('SIGNING_KEY_POLICY');
export type SigningKeyPolicy = { rotationDays: number; accessTokenSeconds: number; box: SecretBox };

// Previous keys stay published for the access-token lifetime plus a margin for clocks and for
// auth replicas that have not reloaded yet (they reload every RELOAD_MS).
const PUBLISH_MARGIN_SECONDS = 300;
const RELOAD_MS = 60_000;
const LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('mindhill.auth.signing-keys'))`;

// Owns the keys that sign access tokens: creates and rotates them (on schedule, on demand, or
// when the active one cannot be opened), serves the public halves as a JWKS and hands the
// active private key to the token issuer. Replicas agree through an advisory lock.
@Injectable()
export class SigningKeyService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = getLogger('signing-keys');
  private signer: { kid: string; key: KeyObject } | null = null;
  private loadedAt = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly events: EventStore,
    @Inject(SIGNING_KEY_POLICY) private readonly policy: SigningKeyPolicy,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.apply(false, systemContext());
    this.timer = setInterval(() => {
      this.apply(false, systemContext()).catch((error) => this.logger.error({ err: error }, 'Signing key check failed'));
    }, RELOAD_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async activeKey(): Promise<{ kid: string; key: KeyObject }> {
    if (!this.signer || Date.now() - this.loadedAt > RELOAD_MS) await this.load();
    if (!this.signer) throw new DomainError('AUTH.SIGNING_KEY_UNAVAILABLE', 'No access-token signing key is available', 'unavailable');
    return this.signer;
  }

  async jwks() {
    const rows = await findSigningKeys(this.events.readModel(), this.publishedSince());
    return { keys: rows.map((r) => ({ ...r.public_jwk, kid: r.kid, alg: r.alg, use: 'sig' })) };
  }

  async list(context: EventContext) {
    assertAdmin(context.actor, 'Signing key administration');
    const since = this.publishedSince();
    const rows = await findSigningKeys(this.events.readModel(), new Date(0));
    return {
      rotationDays: this.policy.rotationDays,
      items: rows.map((r) => ({
        kid: r.kid,
        alg: r.alg,
        state: r.state,
        published: r.state !== 'previous' || (r.deactivated_at !== null && r.deactivated_at > since),
        createdAt: r.created_at,
        activatedAt: r.activated_at,
        deactivatedAt: r.deactivated_at,
      })),
    };
  }

  async rotate(context: EventContext) {
    assertAdmin(context.actor, 'Signing key administration');
    await this.apply(true, context);
    return this.list(context);
  }

  private publishedSince(): Date {
    return new Date(Date.now() - (this.policy.accessTokenSeconds + PUBLISH_MARGIN_SECONDS) * 1000);
  }

  private async apply(manual: boolean, context: EventContext): Promise<void> {
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
          await tx.append(signingKeyStreamId(material.kid), 0, [newEvent(signingKeyCreated, { alg: 'EdDSA', ...material })], context);
          nextKid = material.kid;
        } else {
          const streamId = signingKeyStreamId(nextKid!);
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
    logSteps(this.logger, steps);
    await this.load();
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

  private async load(): Promise<void> {
    const rows = await findSigningKeys(this.events.readModel(), new Date());
    const active = rows.find((r) => r.state === 'active');
    const key = active ? openSigningKey(this.policy.box, active.sealed_private_key) : null;
    this.signer = active && key ? { kid: active.kid, key } : null;
    this.loadedAt = Date.now();
  }
}

function logSteps(logger: ReturnType<typeof getLogger>, steps: RotationStep[]): void {
  const activation = steps.find((s) => s.kind === 'activate-next');
  if (activation?.kind === 'activate-next') logger.info({ reason: activation.reason }, 'Access-token signing key rotated');
  else if (steps.length > 0) logger.info('Next access-token signing key published');
}
