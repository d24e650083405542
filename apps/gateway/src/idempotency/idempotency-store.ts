import Redis from 'ioredis';
import { z } from 'zod';
import { IdempotencyRecord } from './idempotency-decision';

// Where records live. claim() is the one atomic step: it stores the in-flight record when the id
// is free and answers null (the caller owns the key), or answers what is already there. finish()
// and release() act only while the caller's own claim is still there, so a late answer never
// overwrites a newer claim.
export type InFlight = Extract<IdempotencyRecord, { state: 'in-flight' }>;
export type Done = Extract<IdempotencyRecord, { state: 'done' }>;
export type IdempotencyStore = {
  claim(id: string, inFlight: InFlight, ttlMs: number): Promise<IdempotencyRecord | null>;
  finish(id: string, inFlight: InFlight, done: Done, ttlMs: number): Promise<void>;
  release(id: string, inFlight: InFlight): Promise<void>;
  close(): Promise<void>;
};

// One gateway replica only: replicas would not see each other's claims (use REDIS_URL). Bounded
// by the kept bodies' size as well as by count, oldest out first.
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, { record: IdempotencyRecord; expiresAt: number; bytes: number }>();
  private bytes = 0;

  constructor(
    private readonly limits: { maxRecords: number; maxBytes: number } = { maxRecords: 100_000, maxBytes: 64 * 1_048_576 },
    private readonly now = () => Date.now(),
  ) {}

  async claim(id: string, inFlight: InFlight, ttlMs: number) {
    const existing = this.current(id);
    if (existing) return existing;
    this.put(id, inFlight, ttlMs);
    return null;
  }

  async finish(id: string, inFlight: InFlight, done: Done, ttlMs: number) {
    if (this.ownedBy(id, inFlight.claim)) this.put(id, done, ttlMs);
  }

  async release(id: string, inFlight: InFlight) {
    if (this.ownedBy(id, inFlight.claim)) this.remove(id);
  }

  async close() {
    this.records.clear();
    this.bytes = 0;
  }

  private ownedBy(id: string, claim: string): boolean {
    const record = this.current(id);
    return record?.state === 'in-flight' && record.claim === claim;
  }

  private current(id: string): IdempotencyRecord | null {
    const entry = this.records.get(id);
    if (!entry) return null;
    if (entry.expiresAt > this.now()) return entry.record;
    this.remove(id);
    return null;
  }

  private put(id: string, record: IdempotencyRecord, ttlMs: number) {
    this.remove(id);
    const bytes = record.state === 'done' ? (record.answer.sealedBody?.length ?? 0) : 0;
    // Full: the oldest records go first (a Map iterates in insertion order).
    for (const oldest of this.records.keys()) {
      if (this.records.size < this.limits.maxRecords && this.bytes + bytes <= this.limits.maxBytes) break;
      this.remove(oldest);
    }
    this.records.set(id, { record, expiresAt: this.now() + ttlMs, bytes });
    this.bytes += bytes;
  }

  private remove(id: string) {
    const entry = this.records.get(id);
    if (!entry) return;
    this.bytes -= entry.bytes;
    this.records.delete(id);
  }
}

// SET NX and the read of what is there in one script: two replicas claiming the same key at the
// same moment get one null and one in-flight record, never two nulls.
const CLAIM = `if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return nil end
return redis.call('GET', KEYS[1])`;
// The in-flight value is compared whole (JSON.stringify of the same object is the same text): it
// carries the caller's random claim.
const FINISH = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
return 1`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

// Shared by every gateway replica.
export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly namespace: string,
  ) {
    this.redis = new Redis(url, { connectTimeout: 1_000, maxRetriesPerRequest: 1, lazyConnect: false });
  }

  onError(listener: (error: Error) => void) {
    this.redis.on('error', listener);
  }

  async claim(id: string, inFlight: InFlight, ttlMs: number) {
    const existing = await this.redis.eval(CLAIM, 1, this.namespace + id, JSON.stringify(inFlight), String(ttlMs));
    return existing === null ? null : idempotencyRecord.parse(JSON.parse(String(existing)));
  }

  async finish(id: string, inFlight: InFlight, done: Done, ttlMs: number) {
    await this.redis.eval(FINISH, 1, this.namespace + id, JSON.stringify(inFlight), JSON.stringify(done), String(ttlMs));
  }

  async release(id: string, inFlight: InFlight) {
    await this.redis.eval(RELEASE, 1, this.namespace + id, JSON.stringify(inFlight));
  }

  async close() {
    this.redis.disconnect();
  }
}

// What Redis answers is checked like any input: a record written by another version is refused,
// not trusted.
const idempotencyRecord = z.discriminatedUnion('state', [
  z.object({ state: z.literal('in-flight'), fingerprint: z.string(), claim: z.string() }),
  z.object({
    state: z.literal('done'),
    fingerprint: z.string(),
    answer: z.object({
      status: z.number().int(),
      contentType: z.string().nullable(),
      location: z.string().nullable(),
      sealedBody: z.string().nullable(),
    }),
  }),
]);
