import { Principal } from './principal';

type Entry = { principal: Principal; expiresAtMs: number; keyGeneration: number };

// Tokens already verified, so a client's next requests skip the signature check (an Ed25519
// verify costs about 140 µs of CPU here, most of an authenticated request's gateway time). An
// entry lives until its token expires and only while the key set is the one it was verified
// against: a key withdrawn from the JWKS invalidates everything at once. Revocations are not
// cached here; the caller checks them on every request. Bounded: the oldest entry goes first.
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 10_000) {}

  get(token: string, keyGeneration: number, nowMs = Date.now()): Principal | null {
    const entry = this.entries.get(token);
    if (!entry) return null;
    if (entry.keyGeneration !== keyGeneration || entry.expiresAtMs <= nowMs) {
      this.entries.delete(token);
      return null;
    }
    return entry.principal;
  }

  set(token: string, principal: Principal, expiresAtMs: number, keyGeneration: number): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { principal, expiresAtMs, keyGeneration });
  }

  get size(): number {
    return this.entries.size;
  }
}
