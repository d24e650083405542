import { createHash, randomBytes } from 'node:crypto';

// Opaque refresh tokens: 256 random bits for the client, only their SHA-256 stored (a database
// leak yields no usable token; no slow hash is needed for a secret this long).
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
