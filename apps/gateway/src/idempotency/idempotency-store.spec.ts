import { IdempotencyRecord } from './idempotency-decision';
import { Done, InFlight, MemoryIdempotencyStore } from './idempotency-store';

const inFlight = (claim: string): InFlight => ({ state: 'in-flight', fingerprint: 'f', claim });
const done: Done = { state: 'done', fingerprint: 'f', answer: { status: 201, contentType: null, location: null, sealedBody: 's' } };

describe('MemoryIdempotencyStore', () => {
  let now = 0;
  const store = (maxRecords = 100, maxBytes = 1_000) => new MemoryIdempotencyStore({ maxRecords, maxBytes }, () => now);
  beforeEach(() => (now = 0));

  it('given a free key, when claimed, then the claimer owns it and a second claim sees the first', async () => {
    const s = store();
    expect(await s.claim('k', inFlight('a'), 1_000)).toBeNull();
    expect(await s.claim('k', inFlight('b'), 1_000)).toEqual(inFlight('a'));
  });

  it('given a claim, when its owner finishes, then the answer is what later claims see, for its lifetime', async () => {
    const s = store();
    await s.claim('k', inFlight('a'), 1_000);
    await s.finish('k', inFlight('a'), done, 5_000);
    now = 4_999;
    expect(await s.claim('k', inFlight('b'), 1_000)).toEqual(done);
    now = 5_000;
    expect(await s.claim('k', inFlight('b'), 1_000)).toBeNull();
  });

  it('given a claim that lapsed and was claimed again, when the first owner finishes or releases, then nothing changes', async () => {
    const s = store();
    await s.claim('k', inFlight('a'), 1_000);
    now = 1_000;
    expect(await s.claim('k', inFlight('b'), 1_000)).toBeNull();
    await s.finish('k', inFlight('a'), done, 5_000);
    await s.release('k', inFlight('a'));
    expect(await s.claim('k', inFlight('c'), 1_000)).toEqual<IdempotencyRecord>(inFlight('b'));
  });

  it('given a claim, when its owner releases it, then the key is free again', async () => {
    const s = store();
    await s.claim('k', inFlight('a'), 1_000);
    await s.release('k', inFlight('a'));
    expect(await s.claim('k', inFlight('b'), 1_000)).toBeNull();
  });

  it('given kept answers up to the byte budget, when another is kept, then the oldest go until it fits', async () => {
    const s = store(100, 10);
    const withBody = (body: string): Done => ({ ...done, answer: { ...done.answer, sealedBody: body } });
    for (const [id, body] of [
      ['a', '1234'],
      ['b', '1234'],
      ['c', '12345'],
    ] as const) {
      await s.claim(id, inFlight(id), 1_000);
      await s.finish(id, inFlight(id), withBody(body), 5_000);
    }
    expect(await s.claim('a', inFlight('x'), 1_000)).toBeNull();
    expect(await s.claim('b', inFlight('y'), 1_000)).toEqual(withBody('1234'));
    expect(await s.claim('c', inFlight('z'), 1_000)).toEqual(withBody('12345'));
  });

  it('given a full store, when a new key is claimed, then the oldest record goes', async () => {
    const s = store(2);
    await s.claim('a', inFlight('1'), 1_000);
    await s.claim('b', inFlight('2'), 1_000);
    await s.claim('c', inFlight('3'), 1_000);
    expect(await s.claim('b', inFlight('x'), 1_000)).toEqual(inFlight('2'));
    expect(await s.claim('a', inFlight('y'), 1_000)).toBeNull();
  });
});
