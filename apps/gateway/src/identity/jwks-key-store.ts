import { createLocalJWKSet, FlattenedJWSInput, JWTHeaderParameters } from 'jose';
import { z } from 'zod';
import { getLogger } from '@mindhill/platform';

// The JWKS as served; only what auth signs with is taken from it (below).
const jwksSchema = z.object({
  keys: z.array(z.looseObject({ kty: z.string(), crv: z.string().optional(), kid: z.string().optional(), alg: z.string().optional() })),
});
// An Ed25519 public key with its kid: the only kind of key auth signs with. Other keys are skipped.
const signingKeySchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string(),
  kid: z.string().min(1),
  alg: z.literal('EdDSA').optional(),
  use: z.string().optional(),
  key_ops: z.array(z.string()).optional(),
});
const signingKeys = (keys: readonly unknown[]) =>
  keys.flatMap((k) => {
    const key = signingKeySchema.safeParse(k);
    return key.success ? [key.data] : [];
  });

export class KeysUnavailableError extends Error {
  constructor() {
    super('No access-token keys have been loaded yet');
    this.name = 'KeysUnavailableError';
  }
}

export type JwksKeyStoreOptions = {
  url: string;
  // Background refresh; a token with an unknown kid also triggers one, at most every minRefetchMs.
  refreshMs?: number;
  minRefetchMs?: number;
  timeoutMs?: number;
};

// The gateway's copy of auth's JWKS. Loaded at start, refreshed in the background, and refreshed
// at once (rate-limited) when a token names a key it has not seen, which is how a rotation
// reaches it. A failed refresh keeps the keys it has: auth being down does not lock users out.
export class JwksKeyStore {
  private readonly logger = getLogger('jwks');
  private resolver: ReturnType<typeof createLocalJWKSet> | null = null;
  private kids = new Set<string>();
  private lastAttemptAt = 0;
  // When the last successful load began: a key event older than that is already in it.
  private loadedFrom = 0;
  private inflight: Promise<void> | null = null;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private keyGeneration = 0;

  constructor(private readonly options: JwksKeyStoreOptions) {}

  // Waits for the first attempt only: auth may start after the gateway, and until the keys are
  // in, the store retries every second and readiness says so.
  async start(): Promise<void> {
    await this.refresh();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(
      () => void this.refresh().finally(() => this.schedule()),
      this.loaded ? (this.options.refreshMs ?? 300_000) : 1_000,
    );
    this.timer.unref();
  }

  get loaded(): boolean {
    return this.resolver !== null;
  }

  // Changes whenever the set of published keys changes (a key added or withdrawn).
  get generation(): number {
    return this.keyGeneration;
  }

  get keyIds(): string[] {
    return [...this.kids];
  }

  // A jose key resolver for jwtVerify.
  readonly resolve = async (header: JWTHeaderParameters, token: FlattenedJWSInput) => {
    if (!header.kid || !this.kids.has(header.kid)) {
      if (Date.now() - this.lastAttemptAt >= (this.options.minRefetchMs ?? 5_000)) await this.refresh();
      else if (this.inflight) await this.inflight;
    }
    if (!this.resolver) throw new KeysUnavailableError();
    return this.resolver(header, token);
  };

  // For auth's key events. A gateway reads them from the start of the topic when it starts (one per
  // key and rotation, ever): those its start-up load already reflects must not each cost a fetch.
  // The margin covers clock skew between auth and the gateway.
  async refreshAfter(occurredAt: string): Promise<void> {
    if (this.loadedFrom > Date.parse(occurredAt) + 5_000) return;
    await this.refresh();
  }

  refresh(): Promise<void> {
    this.inflight ??= this.load().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async load(): Promise<void> {
    const startedAt = Date.now();
    this.lastAttemptAt = startedAt;
    try {
      const response = await fetch(this.options.url, {
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 3_000),
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
      const keys = signingKeys(jwksSchema.parse(await response.json()).keys);
      if (keys.length === 0) throw new Error('JWKS holds no Ed25519 signing key');
      this.resolver = createLocalJWKSet({ keys });
      this.loadedFrom = startedAt;
      const before = this.kids;
      this.kids = new Set(keys.map((k) => k.kid));
      const changed = this.kids.size !== before.size || [...this.kids].some((kid) => !before.has(kid));
      if (changed) {
        this.keyGeneration += 1;
        this.logger.info({ kids: [...this.kids] }, 'Access-token keys loaded');
      }
    } catch (error) {
      this.logger.warn({ err: error, url: this.options.url, keptKeys: this.kids.size }, 'Could not load access-token keys');
    }
  }
}
