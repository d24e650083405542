import { randomUUID } from 'node:crypto';
import { getLogger } from '@mindhill/platform';
import { AnswerSeal } from './answer-seal';
import { decideIdempotency, isAnswerKept, KeptAnswer, readIdempotencyKey, requestFingerprint } from './idempotency-decision';
import { InFlight, IdempotencyStore } from './idempotency-store';

const logger = getLogger('gateway-idempotency');

export type IdempotencyLimits = { ttlMs: number; inFlightTtlMs: number; maxAnswerBytes: number };
export type IdempotentRequest = {
  userId: string;
  keyHeader: string | string[] | undefined;
  method: string;
  pathAndQuery: string;
  body: unknown;
};
// A claimed key: the request goes upstream, and its answer is kept (settle) or the key freed (abandon).
export type Ticket = { id: string; userId: string; key: string; inFlight: InFlight };
export type Gate =
  | { kind: 'pass' }
  | { kind: 'ticket'; ticket: Ticket }
  | { kind: 'replay'; status: number; contentType: string | null; location: string | null; body: Buffer }
  | { kind: 'refuse'; status: number; code: string; message: string; details?: Record<string, unknown> };

// The Idempotency-Key flow of one request: read the key, claim it or find what is there, and keep
// the answer once it is known. The rules are idempotency-decision.ts; this adds the store and the seal.
export class IdempotencyGate {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly seal: AnswerSeal,
    private readonly limits: IdempotencyLimits,
  ) {}

  async enter(request: IdempotentRequest): Promise<Gate> {
    const reading = readIdempotencyKey(request.keyHeader);
    if (reading.kind === 'absent') return { kind: 'pass' };
    if (reading.kind === 'invalid') return { kind: 'refuse', status: 400, code: 'IDEMPOTENCY.INVALID_KEY', message: reading.reason };
    const fingerprint = requestFingerprint(request.method, request.pathAndQuery, request.body);
    const id = this.seal.recordId(request.userId, reading.key);
    const inFlight: InFlight = { state: 'in-flight', fingerprint, claim: randomUUID() };
    let existing;
    try {
      existing = await this.store.claim(id, inFlight, this.limits.inFlightTtlMs);
    } catch (error) {
      // The client asked for at-most-once; without the store that cannot be promised.
      logger.warn({ err: error }, 'Idempotency store unavailable');
      return {
        kind: 'refuse',
        status: 503,
        code: 'IDEMPOTENCY.STORE_UNAVAILABLE',
        message: 'Idempotency keys cannot be checked now; retry later',
      };
    }
    const decision = decideIdempotency(existing, fingerprint);
    if (decision.kind === 'proceed') return { kind: 'ticket', ticket: { id, userId: request.userId, key: reading.key, inFlight } };
    if (decision.kind === 'refuse') return decision;
    const { status, contentType, location, sealedBody } = decision.answer;
    try {
      return { kind: 'replay', status, contentType, location, body: this.seal.open(request.userId, reading.key, sealedBody) };
    } catch {
      // Sealed under another secret (INTERNAL_API_TOKEN rotated, or differs between replicas).
      return {
        kind: 'refuse',
        status: 409,
        code: 'IDEMPOTENCY.ANSWER_NOT_KEPT',
        message: 'The first answer can no longer be read',
        details: { status, location },
      };
    }
  }

  // The upstream answered: kept for the key's lifetime, or the key freed when the client may retry.
  async settle(ticket: Ticket, status: number, contentType: string | null, location: string | null, body: Buffer): Promise<void> {
    try {
      if (!isAnswerKept(status)) return await this.store.release(ticket.id, ticket.inFlight);
      const answer: KeptAnswer = {
        status,
        contentType,
        location,
        sealedBody: body.length <= this.limits.maxAnswerBytes ? this.seal.seal(ticket.userId, ticket.key, body) : null,
      };
      await this.store.finish(
        ticket.id,
        ticket.inFlight,
        { state: 'done', fingerprint: ticket.inFlight.fingerprint, answer },
        this.limits.ttlMs,
      );
    } catch (error) {
      // The claim then lapses after inFlightTtlMs; until then a retry hears IN_PROGRESS.
      logger.warn({ err: error }, 'Could not keep the answer of an idempotent request');
    }
  }

  // No answer (the upstream was unreachable or timed out): the client may retry at once.
  async abandon(ticket: Ticket): Promise<void> {
    await this.store.release(ticket.id, ticket.inFlight).catch((error: unknown) => {
      logger.warn({ err: error }, 'Could not free an idempotency key');
    });
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
