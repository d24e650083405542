import { Inject, Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { findSigningKeys, publishedSince } from '../../infrastructure/signing-key.read-model';
import { SIGNING_KEY_POLICY, SigningKeyPolicy } from '../../signing-keys.config';
import { JwksAnswer } from './get-jwks.schema';

// The public halves gateways verify access tokens with: next, active, and previous keys until
// the last token they signed has expired.
@Injectable()
export class GetJwksQuery {
  constructor(
    private readonly events: EventStore,
    @Inject(SIGNING_KEY_POLICY) private readonly policy: SigningKeyPolicy,
  ) {}

  async execute(): Promise<JwksAnswer> {
    const rows = await findSigningKeys(this.events.readModel(), publishedSince(this.policy.accessTokenSeconds));
    return { keys: rows.map((r) => ({ ...r.public_jwk, kid: r.kid, alg: r.alg, use: 'sig' })) };
  }
}
