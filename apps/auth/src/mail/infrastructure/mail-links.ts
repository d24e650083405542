import { createHmac, randomUUID } from 'node:crypto';

// The tokens of mailed links (password reset, e-mail verification), ADR 0018. A token is derived
// from a random token id with a key of auth's own (HMAC-SHA256), so the queued mail keeps only the
// id: the token is derived again when the mail is written and is stored nowhere in clear (the
// event keeps its SHA-256, the job its id). Without the key, the id says nothing.
export class MailLinks {
  constructor(
    private readonly key: Buffer,
    private readonly publicAppUrl: string,
  ) {
    if (key.length < 32) throw new Error('MailLinks needs a key of at least 32 bytes');
  }

  // A new token: its id for the mail job, the token itself only to hash it for the event.
  issue(): { tokenId: string; token: string } {
    const tokenId = randomUUID();
    return { tokenId, token: this.token(tokenId) };
  }

  token(tokenId: string): string {
    return createHmac('sha256', this.key).update(`mail-link-token:${tokenId}`).digest('base64url');
  }

  // The link to the app's page, with the token as its query.
  link(path: string, token?: string): string {
    const url = new URL(path, this.publicAppUrl);
    if (token !== undefined) url.searchParams.set('token', token);
    return url.toString();
  }
}
