import {
  decideIdempotency,
  IdempotencyRecord,
  isAnswerKept,
  KeptAnswer,
  readIdempotencyKey,
  requestFingerprint,
} from './idempotency-decision';

const fingerprint = requestFingerprint('POST', '/api/v1/workflows/w1/executions', { priority: 1 });
const answer: KeptAnswer = { status: 202, contentType: 'application/json', location: null, sealedBody: 'sealed' };
const inFlight: IdempotencyRecord = { state: 'in-flight', fingerprint, claim: 'c1' };
const done: IdempotencyRecord = { state: 'done', fingerprint, answer };

describe('the Idempotency-Key header', () => {
  it.each([
    ['8e03978e-40d5-43e8-bc93-6894a57f9324', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['"8e03978e-40d5"', '8e03978e-40d5'],
    ['"a \\"quoted\\" \\\\ key"', 'a "quoted" \\ key'],
    ['  padded  ', 'padded'],
    ['x'.repeat(255), 'x'.repeat(255)],
  ])('given %j, reads the key %j', (header, key) => {
    expect(readIdempotencyKey(header)).toEqual({ kind: 'key', key });
  });

  it('given no header, there is no key', () => {
    expect(readIdempotencyKey(undefined)).toEqual({ kind: 'absent' });
  });

  it.each([
    ['empty', ''],
    ['empty quoted', '""'],
    ['too long', 'x'.repeat(256)],
    ['too long quoted', `"${'x'.repeat(256)}"`],
    ['non-printable', 'key\u0001'],
    ['non-ASCII', 'clé'],
    ['badly quoted', '"open'],
    ['an unescaped quote inside', '"a"b"'],
  ])('given a %s key, it is invalid', (_name, header) => {
    expect(readIdempotencyKey(header).kind).toBe('invalid');
  });

  it('given the header twice, it is invalid', () => {
    expect(readIdempotencyKey(['a', 'b']).kind).toBe('invalid');
  });
});

describe('the request fingerprint', () => {
  it('is the same whatever the order of the body keys', () => {
    expect(requestFingerprint('post', '/p', { a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(
      requestFingerprint('POST', '/p', { b: { c: [1, { e: 3, d: 2 }] }, a: 1 }),
    );
  });

  it('differs with the body, the path, the query or the method', () => {
    const base = requestFingerprint('POST', '/p', { a: 1 });
    expect(requestFingerprint('POST', '/p', { a: 2 })).not.toBe(base);
    expect(requestFingerprint('POST', '/q', { a: 1 })).not.toBe(base);
    expect(requestFingerprint('POST', '/p?x=1', { a: 1 })).not.toBe(base);
    expect(requestFingerprint('PUT', '/p', { a: 1 })).not.toBe(base);
    expect(requestFingerprint('POST', '/p', [1, 2])).not.toBe(requestFingerprint('POST', '/p', [2, 1]));
  });

  it('takes no body as null', () => {
    expect(requestFingerprint('POST', '/p', undefined)).toBe(requestFingerprint('POST', '/p', null));
    expect(requestFingerprint('POST', '/p', undefined)).not.toBe(requestFingerprint('POST', '/p', {}));
  });
});

describe('decideIdempotency', () => {
  it('given no record, when a request comes, then it proceeds (new)', () => {
    expect(decideIdempotency(null, fingerprint)).toEqual({ kind: 'proceed' });
  });

  it('given the same request done, when it comes again, then the first answer is replayed', () => {
    expect(decideIdempotency(done, fingerprint)).toEqual({ kind: 'replay', answer });
  });

  it('given the same request in flight, when it comes again, then 409 IDEMPOTENCY.IN_PROGRESS', () => {
    expect(decideIdempotency(inFlight, fingerprint)).toMatchObject({ kind: 'refuse', status: 409, code: 'IDEMPOTENCY.IN_PROGRESS' });
  });

  it.each([
    ['done', done],
    ['in flight', inFlight],
  ])('given another request %s under the key, when this one comes, then 422 IDEMPOTENCY.KEY_REUSED', (_name, record) => {
    const other = requestFingerprint('POST', '/api/v1/workflows/w1/executions', { priority: 2 });
    expect(decideIdempotency(record, other)).toMatchObject({ kind: 'refuse', status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  it('given the same request done with an answer too large to keep, then 409 IDEMPOTENCY.ANSWER_NOT_KEPT with its status', () => {
    const withheld: IdempotencyRecord = {
      state: 'done',
      fingerprint,
      answer: { ...answer, status: 201, location: '/x', sealedBody: null },
    };
    expect(decideIdempotency(withheld, fingerprint)).toEqual({
      kind: 'refuse',
      status: 409,
      code: 'IDEMPOTENCY.ANSWER_NOT_KEPT',
      message: expect.any(String),
      details: { status: 201, location: '/x' },
    });
  });
});

describe('isAnswerKept', () => {
  it.each([200, 201, 202, 204, 400, 403, 404, 409, 422])('keeps a %i', (status) => expect(isAnswerKept(status)).toBe(true));
  it.each([408, 429, 500, 502, 503, 504])('does not keep a %i (the client may retry)', (status) =>
    expect(isAnswerKept(status)).toBe(false),
  );
});
