import { createHash } from 'node:crypto';

// Single-use e-mail tokens (reset, verification): 256 bits derived from a random token id
// (mail/infrastructure/mail-links.ts, ADR 0018); only their SHA-256 is kept, in the event and in
// user_tokens. The same shape as refresh tokens.
export function hashOneTimeToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
