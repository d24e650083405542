import { signPayload, verifySignature } from './webhook-signature';

describe('webhook signature', () => {
  const secret = 'a webhook secret of some length';
  const body = Buffer.from('{"event":"ping"}');

  it('accepts the HMAC-SHA256 of the raw body', () => {
    expect(verifySignature(secret, body, signPayload(secret, body))).toBe(true);
    expect(verifySignature(secret, body, signPayload(secret, body).toUpperCase().replace('SHA256', 'sha256'))).toBe(true);
  });
  it('refuses another body, another secret, a malformed or missing header', () => {
    expect(verifySignature(secret, Buffer.from('{"event":"pong"}'), signPayload(secret, body))).toBe(false);
    expect(verifySignature('another secret entirely', body, signPayload(secret, body))).toBe(false);
    expect(verifySignature(secret, body, 'sha256=abc')).toBe(false);
    expect(verifySignature(secret, body, signPayload(secret, body).slice(7))).toBe(false);
    expect(verifySignature(secret, body, undefined)).toBe(false);
  });
});
