import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DataSourceCredentials } from '../domain/credentials';

const VERSION = 'v1';

// AES-256-GCM with a random 96-bit nonce per blob: `v1.<iv>.<tag>.<ciphertext>` (base64url).
export class CredentialCipher {
  private readonly key: Buffer;

  constructor(base64Key: string) {
    const key = Buffer.from(base64Key, 'base64');
    if (key.length !== 32) throw new Error('DATA_SOURCE_SECRET_KEY must be the base64 of 32 bytes');
    this.key = key;
  }

  encrypt(credentials: DataSourceCredentials): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  decrypt(blob: string): DataSourceCredentials {
    const [version, iv, tag, data] = blob.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('Unreadable credentials blob');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const text = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    return JSON.parse(text) as DataSourceCredentials;
  }
}
