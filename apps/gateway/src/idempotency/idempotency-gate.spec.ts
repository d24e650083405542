import { AnswerSeal } from './answer-seal';
import { IdempotencyGate, IdempotentRequest, Ticket } from './idempotency-gate';
import { IdempotencyStore, MemoryIdempotencyStore } from './idempotency-store';

const limits = { ttlMs: 86_400_000, inFlightTtlMs: 40_000, maxAnswerBytes: 1_024 };
const seal = new AnswerSeal('a-gateway-secret-of-thirty-two-chars!');
const request = (over: Partial<IdempotentRequest> = {}): IdempotentRequest => ({
  userId: 'u1',
  keyHeader: 'k1',
  method: 'POST',
  pathAndQuery: '/api/v1/workflows/w1/executions',
  body: { priority: 1 },
  ...over,
});
const body = Buffer.from('{"id":"run-1"}');

async function ticketOf(gate: IdempotencyGate, req = request()): Promise<Ticket> {
  const entered = await gate.enter(req);
  if (entered.kind !== 'ticket') throw new Error(`expected a ticket, got ${entered.kind}`);
  return entered.ticket;
}

describe('IdempotencyGate (over the memory store)', () => {
  const gate = () => new IdempotencyGate(new MemoryIdempotencyStore(), seal, limits);

  it('given no header, lets the request pass untouched', async () => {
    expect(await gate().enter(request({ keyHeader: undefined }))).toEqual({ kind: 'pass' });
  });

  it('given a kept 202, replays its status, type, location and body', async () => {
    const g = gate();
    await g.settle(await ticketOf(g), 202, 'application/json', '/x', body);
    expect(await g.enter(request())).toEqual({ kind: 'replay', status: 202, contentType: 'application/json', location: '/x', body });
  });

  it('given a 503 answer, frees the key: the retry gets a ticket', async () => {
    const g = gate();
    await g.settle(await ticketOf(g), 503, 'application/json', null, body);
    expect((await g.enter(request())).kind).toBe('ticket');
  });

  it('given an abandoned call, frees the key', async () => {
    const g = gate();
    await g.abandon(await ticketOf(g));
    expect((await g.enter(request())).kind).toBe('ticket');
  });

  it('given an answer over the cap, keeps no body and answers 409 IDEMPOTENCY.ANSWER_NOT_KEPT with the status', async () => {
    const g = gate();
    await g.settle(await ticketOf(g), 201, 'application/json', '/big', Buffer.alloc(1_025, 'x'));
    expect(await g.enter(request())).toMatchObject({
      kind: 'refuse',
      status: 409,
      code: 'IDEMPOTENCY.ANSWER_NOT_KEPT',
      details: { status: 201, location: '/big' },
    });
  });

  it('given the same key of another user, gives that user a ticket of their own', async () => {
    const g = gate();
    await g.settle(await ticketOf(g), 202, 'application/json', null, body);
    expect((await g.enter(request({ userId: 'u2' }))).kind).toBe('ticket');
  });

  it('given a malformed key, refuses with 400 IDEMPOTENCY.INVALID_KEY', async () => {
    expect(await gate().enter(request({ keyHeader: '' }))).toMatchObject({ kind: 'refuse', status: 400, code: 'IDEMPOTENCY.INVALID_KEY' });
  });

  it('given a store that fails, refuses with 503 IDEMPOTENCY.STORE_UNAVAILABLE', async () => {
    const broken: IdempotencyStore = {
      claim: () => Promise.reject(new Error('down')),
      finish: () => Promise.reject(new Error('down')),
      release: () => Promise.reject(new Error('down')),
      close: () => Promise.resolve(),
    };
    const g = new IdempotencyGate(broken, seal, limits);
    expect(await g.enter(request())).toMatchObject({ kind: 'refuse', status: 503, code: 'IDEMPOTENCY.STORE_UNAVAILABLE' });
  });

  it('given an answer sealed under another secret, refuses with 409 IDEMPOTENCY.ANSWER_NOT_KEPT', async () => {
    const store = new MemoryIdempotencyStore();
    const before = new IdempotencyGate(store, new AnswerSeal('the-previous-gateway-secret-32-chars'), limits);
    await before.settle(await ticketOf(before), 202, 'application/json', null, body);
    expect(await new IdempotencyGate(store, seal, limits).enter(request())).toMatchObject({
      kind: 'refuse',
      status: 409,
      code: 'IDEMPOTENCY.ANSWER_NOT_KEPT',
    });
  });
});
