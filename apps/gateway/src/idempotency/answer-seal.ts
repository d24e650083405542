import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

// Kept answers may name people or carry configuration: never kept in clear. The record's id is a
// SHA-256 of the user and the Idempotency-Key (the store never sees the key), and the answer's
// AES-256-GCM key an HMAC of both under the gateway's secret, so the store alone (a Redis dump)
// opens no answer, and one user's record is out of reach of another's key. The id takes no
// secret on purpose: after the secret changes, a retry still finds its record (and is told the
// answer cannot be read) instead of being a second effect.
export class AnswerSeal {
  constructor(private readonly secret: string) {}

  recordId(userId: string, key: string): string {
    return createHash('sha256').update(`record\n${userId}\n${key}`).digest('base64url');
  }

  seal(userId: string, key: string, body: Buffer): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.mac('answer', userId, key), iv);
    const sealed = Buffer.concat([cipher.update(body), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  // Throws when the answer was not sealed for this user and key (or was altered).
  open(userId: string, key: string, sealed: string): Buffer {
    const bytes = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.mac('answer', userId, key), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
  }

  private mac(purpose: string, userId: string, key: string): Buffer {
    return createHmac('sha256', this.secret).update(`${purpose}\n${userId}\n${key}`).digest();
  }
}
