import { Inject, Injectable } from '@nestjs/common';
import { assertAdmin } from '@mindhill/domain';
import { EventContext, EventStore } from '@mindhill/persistence';
import { findSigningKeys, publishedSince } from '../../infrastructure/signing-key.read-model';
import { SIGNING_KEY_POLICY, SigningKeyPolicy } from '../../signing-keys.config';

// Every key auth has kept, for admins: its state and whether the JWKS still publishes it.
@Injectable()
export class ListSigningKeysQuery {
  constructor(
    private readonly events: EventStore,
    @Inject(SIGNING_KEY_POLICY) private readonly policy: SigningKeyPolicy,
  ) {}

  async execute(context: EventContext) {
    assertAdmin(context.actor, 'Signing key administration');
    const since = publishedSince(this.policy.accessTokenSeconds);
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
}
