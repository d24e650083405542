import { KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@mindhill/domain';
import { EventStore } from '@mindhill/persistence';
import { SIGNING_KEY_POLICY, SigningKeyPolicy } from '../signing-keys.config';
import { openSigningKey } from './ed25519-key-material';
import { findSigningKeys } from './signing-key.read-model';

// Replicas reload the keys this often (and check whether a rotation is due as often).
export const SIGNING_KEY_RELOAD_MS = 60_000;

// Hands the active private key to the token issuer, read again after a rotation here and at
// least every SIGNING_KEY_RELOAD_MS (another replica may have rotated).
@Injectable()
export class SigningKeyReader {
  private signer: { kid: string; key: KeyObject } | null = null;
  private loadedAt = 0;

  constructor(
    private readonly events: EventStore,
    @Inject(SIGNING_KEY_POLICY) private readonly policy: SigningKeyPolicy,
  ) {}

  async activeKey(): Promise<{ kid: string; key: KeyObject }> {
    if (!this.signer || Date.now() - this.loadedAt > SIGNING_KEY_RELOAD_MS) await this.reload();
    if (!this.signer) throw new DomainError('AUTH.SIGNING_KEY_UNAVAILABLE', 'No access-token signing key is available', 'unavailable');
    return this.signer;
  }

  async reload(): Promise<void> {
    const rows = await findSigningKeys(this.events.readModel(), new Date());
    const active = rows.find((r) => r.state === 'active');
    const key = active ? openSigningKey(this.policy.box, active.sealed_private_key) : null;
    this.signer = active && key ? { kid: active.kid, key } : null;
    this.loadedAt = Date.now();
  }
}
