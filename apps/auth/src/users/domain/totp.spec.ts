import { randomBytes } from 'node:crypto';
import { acceptedTimeStep, hashBackupCode, newBackupCodes, newTotpSecret, otpauthUrl, timeStepAt, totpAt } from './totp';
import { SecretBox } from '../../signing-keys/infrastructure/secret-box';

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = new Date('2026-11-26T07:00:10Z');
  const step = timeStepAt(now);

  it('accepts the current code and one step of drift either way, nothing further', () => {
    expect(acceptedTimeStep(secret, totpAt(secret, step), now, null)).toBe(step);
    expect(acceptedTimeStep(secret, totpAt(secret, step - 1), now, null)).toBe(step - 1);
    expect(acceptedTimeStep(secret, totpAt(secret, step + 1), now, null)).toBe(step + 1);
    expect(acceptedTimeStep(secret, totpAt(secret, step - 2), now, null)).toBeNull();
    expect(acceptedTimeStep(secret, totpAt(secret, step + 2), now, null)).toBeNull();
    expect(acceptedTimeStep(secret, 'abcdef', now, null)).toBeNull();
  });

  it('never accepts a time step twice, nor one older than the last used', () => {
    expect(acceptedTimeStep(secret, totpAt(secret, step), now, step)).toBeNull();
    expect(acceptedTimeStep(secret, totpAt(secret, step - 1), now, step)).toBeNull();
    expect(acceptedTimeStep(secret, totpAt(secret, step + 1), now, step)).toBe(step + 1);
  });

  it('names the issuer and account in the otpauth URL', () => {
    expect(otpauthUrl('ada@example.com', secret)).toMatch(
      /^otpauth:\/\/totp\/Mind%20Hillmetric:ada%40example\.com\?secret=[A-Z2-7]+&period=30&digits=6&algorithm=SHA1&issuer=Mind%20Hillmetric$/,
    );
  });

  it('makes ten distinct backup codes and hashes them per user, forgiving case and dash', () => {
    const codes = newBackupCodes();
    expect(new Set(codes).size).toBe(10);
    expect(codes[0]).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(hashBackupCode('u1', codes[0]!)).toBe(hashBackupCode('u1', codes[0]!.toUpperCase().replace('-', '')));
    expect(hashBackupCode('u1', codes[0]!)).not.toBe(hashBackupCode('u2', codes[0]!));
  });

  it('seals secrets with AES-256-GCM and detects tampering', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal(secret);
    expect(sealed).not.toContain(secret);
    expect(box.open(sealed)).toBe(secret);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow();
  });
});
