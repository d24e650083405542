import { randomBytes } from 'node:crypto';
import { credentialNames } from '../domain/credentials';
import { redactHeaders, splitConnectionString, splitHeaders, withPassword } from '../domain/secret-headers';
import { CredentialCipher } from './credential-cipher';

describe('credential cipher', () => {
  const cipher = new CredentialCipher(randomBytes(32).toString('base64'));
  const credentials = { headers: { authorization: 'Bearer s3cr3t' }, password: 'p@ss' };

  it('round-trips, with a fresh nonce each time and no clear text in the blob', () => {
    const a = cipher.encrypt(credentials);
    expect(cipher.decrypt(a)).toEqual(credentials);
    expect(cipher.encrypt(credentials)).not.toBe(a);
    expect(a).not.toContain('s3cr3t');
    expect(Buffer.from(a.split('.')[3]!, 'base64url').toString('latin1')).not.toContain('s3cr3t');
  });
  it('refuses a tampered blob or another key', () => {
    const blob = cipher.encrypt(credentials);
    const parts = blob.split('.');
    const data = Buffer.from(parts[3]!, 'base64url');
    data[0] = data[0]! ^ 1;
    expect(() => cipher.decrypt([...parts.slice(0, 3), data.toString('base64url')].join('.'))).toThrow();
    expect(() => new CredentialCipher(randomBytes(32).toString('base64')).decrypt(blob)).toThrow();
  });
  it('needs a 32-byte key', () => {
    expect(() => new CredentialCipher(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
  it('names the credentials that are set', () => {
    expect(credentialNames({ headers: { 'x-api-key': 'k' }, webhookSecret: 's' })).toEqual(['header:x-api-key', 'webhookSecret']);
  });
});

describe('secret headers and connection strings', () => {
  it('splits credential headers from plain ones and redacts them', () => {
    expect(splitHeaders({ Authorization: 'Bearer x', 'X-API-Key': 'k', Accept: 'application/json' })).toEqual({
      plain: { accept: 'application/json' },
      secret: { authorization: 'Bearer x', 'x-api-key': 'k' },
    });
    expect(redactHeaders({ authorization: 'Bearer x', accept: '*/*' })).toEqual({ authorization: '[REDACTED]', accept: '*/*' });
  });
  it('takes the password out of a connection string and puts it back', () => {
    const { publicUrl, password } = splitConnectionString('postgres://reader:p%40ss@db:5432/app');
    expect(publicUrl).toBe('postgres://reader@db:5432/app');
    expect(password).toBe('p@ss');
    expect(withPassword(publicUrl, password)).toBe('postgres://reader:p%40ss@db:5432/app');
  });
});
