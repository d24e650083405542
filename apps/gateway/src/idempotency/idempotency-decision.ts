import { createHash } from 'node:crypto';

// The pure rules of the Idempotency-Key header (draft-ietf-httpapi-idempotency-key-header): what a
// key may look like, how a request is fingerprinted, what an existing record means for a new
// request, and which answers are kept. No clock, store or network here (ADR 0022).

export type KeyReading = { kind: 'absent' } | { kind: 'invalid'; reason: string } | { kind: 'key'; key: string };

// An answer as it is kept: the body sealed (idempotency-seal.ts), or withheld when it was too big.
export type KeptAnswer = { status: number; contentType: string | null; location: string | null; sealedBody: string | null };
export type IdempotencyRecord =
  { state: 'in-flight'; fingerprint: string; claim: string } | { state: 'done'; fingerprint: string; answer: KeptAnswer };

export type IdempotencyDecision =
  | { kind: 'proceed' }
  | { kind: 'replay'; answer: KeptAnswer & { sealedBody: string } }
  | { kind: 'refuse'; status: 400 | 409 | 422; code: string; message: string; details?: Record<string, unknown> };

export const MAX_KEY_LENGTH = 255;

// The draft's value is a Structured Field string ("…"); a bare token (Stripe's spelling) is
// accepted too. Printable ASCII only, 1 to 255 characters once unquoted.
export function readIdempotencyKey(header: string | string[] | undefined): KeyReading {
  if (header === undefined) return { kind: 'absent' };
  if (Array.isArray(header)) return { kind: 'invalid', reason: 'Send one Idempotency-Key header' };
  let key = header.trim();
  if (key.startsWith('"')) {
    const quoted = /^"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*)"$/.exec(key);
    if (!quoted) return { kind: 'invalid', reason: 'The quoted key is not a valid string' };
    key = quoted[1]!.replace(/\\(["\\])/g, '$1');
  }
  if (key.length === 0) return { kind: 'invalid', reason: 'The key is empty' };
  if (key.length > MAX_KEY_LENGTH) return { kind: 'invalid', reason: `The key is longer than ${MAX_KEY_LENGTH} characters` };
  if (!/^[\x20-\x7e]+$/.test(key)) return { kind: 'invalid', reason: 'The key must be printable ASCII' };
  return { kind: 'key', key };
}

// The same request: method, the canonical path and query the gateway forwards, and the body with
// its keys in a stable order (the gateway has parsed it; key order is not meaning).
export function requestFingerprint(method: string, pathAndQuery: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()}\n${pathAndQuery}\n${stableJson(body ?? null)}`)
    .digest('base64url');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// What a request finds under its key: nothing (it may go ahead: the store has claimed the key for
// it), the same request in flight, the same request done, or another request.
export function decideIdempotency(existing: IdempotencyRecord | null, fingerprint: string): IdempotencyDecision {
  if (existing === null) return { kind: 'proceed' };
  if (existing.fingerprint !== fingerprint)
    return {
      kind: 'refuse',
      status: 422,
      code: 'IDEMPOTENCY.KEY_REUSED',
      message: 'This Idempotency-Key was used for another request (method, path or body); use a new key',
    };
  if (existing.state === 'in-flight')
    return {
      kind: 'refuse',
      status: 409,
      code: 'IDEMPOTENCY.IN_PROGRESS',
      message: 'A request with this Idempotency-Key is still being processed; retry later',
    };
  if (existing.answer.sealedBody === null)
    return {
      kind: 'refuse',
      status: 409,
      code: 'IDEMPOTENCY.ANSWER_NOT_KEPT',
      message: 'The request with this Idempotency-Key was processed, but its answer was too large to keep',
      details: { status: existing.answer.status, location: existing.answer.location },
    };
  return { kind: 'replay', answer: { ...existing.answer, sealedBody: existing.answer.sealedBody } };
}

// Kept: successes and the client's own mistakes (4xx), which the same request would get again.
// Not kept, so the client may retry: server failures (5xx, the gateway's 502/503), a timeout
// (408) and a rate limit (429), which say nothing about the request itself.
export function isAnswerKept(status: number): boolean {
  return status < 500 && status !== 408 && status !== 429;
}
