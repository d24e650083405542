import { AnswerSeal } from './answer-seal';

describe('AnswerSeal', () => {
  const seal = new AnswerSeal('a-gateway-secret-of-thirty-two-chars!');
  const body = Buffer.from('{"id":"w1","email":"a@example.com"}');

  it('opens what it sealed for the same user and key, and keeps nothing in clear', () => {
    const sealed = seal.seal('u1', 'k1', body);
    expect(sealed).not.toContain('example');
    expect(Buffer.from(sealed, 'base64url').includes(body)).toBe(false);
    expect(seal.open('u1', 'k1', sealed)).toEqual(body);
  });

  it('does not open for another user, another key or another secret', () => {
    const sealed = seal.seal('u1', 'k1', body);
    expect(() => seal.open('u2', 'k1', sealed)).toThrow();
    expect(() => seal.open('u1', 'k2', sealed)).toThrow();
    expect(() => new AnswerSeal('another-gateway-secret-of-32-chars!!').open('u1', 'k1', sealed)).toThrow();
  });

  it('names a record per user and key, without the key in it, whatever the secret', () => {
    expect(new AnswerSeal('another-gateway-secret-of-32-chars!!').recordId('u1', 'k1')).toBe(seal.recordId('u1', 'k1'));
    expect(seal.recordId('u1', 'k1')).toBe(seal.recordId('u1', 'k1'));
    expect(seal.recordId('u1', 'k1')).not.toBe(seal.recordId('u2', 'k1'));
    expect(seal.recordId('u1', 'k1')).not.toBe(seal.recordId('u1', 'k2'));
    expect(seal.recordId('u1', 'my-key')).not.toContain('my-key');
  });
});
