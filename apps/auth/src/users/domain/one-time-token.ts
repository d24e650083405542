import { createHash, randomBytes } from 'node:crypto';

// Single-use e-mail tokens (reset, verification): 256 random bits for the mail, only the
// SHA-256 kept. The same shape as refresh tokens.
export function newOneTimeToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOneTimeToken(token) };
}

export function hashOneTimeToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
