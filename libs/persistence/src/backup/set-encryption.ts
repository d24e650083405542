import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';

// Backup files encrypted at rest with AES-256-GCM (node:crypto, OpenSSL underneath), streamed so
// a dump of any size needs no memory: `MHENC1` | 12-byte IV | ciphertext | 16-byte tag. The tag
// authenticates the whole file: a changed byte, a cut file or another key fails the decryption
// (and so the restore) instead of feeding pg_restore garbage. The key is BACKUP_ENCRYPTION_KEY
// (32 bytes, base64), never written into the set.
const MAGIC = Buffer.from('MHENC1');
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const BACKUP_ENCRYPTION = 'aes-256-gcm';

export function backupKeyFrom(base64: string | undefined): Buffer | null {
  if (!base64) return null;
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('BACKUP_ENCRYPTION_KEY must be 32 bytes, base64');
  return key;
}

export async function encryptFile(source: string, target: string, key: Buffer): Promise<void> {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const out = createWriteStream(target, { mode: 0o600 });
  out.write(Buffer.concat([MAGIC, iv]));
  await pipeline(createReadStream(source), cipher, out, { end: false });
  await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), () => resolve()).on('error', reject));
}

export async function decryptFile(source: string, target: string, key: Buffer): Promise<void> {
  const { size } = await stat(source);
  const header = Buffer.alloc(MAGIC.length + IV_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  const handle = await open(source, 'r');
  try {
    if (size < header.length + TAG_BYTES) throw new Error('not an encrypted backup file (too short)');
    await handle.read(header, 0, header.length, 0);
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await handle.close();
  }
  if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not an encrypted backup file');
  const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(MAGIC.length));
  decipher.setAuthTag(tag);
  await pipeline(
    createReadStream(source, { start: header.length, end: size - TAG_BYTES - 1 }),
    decipher,
    createWriteStream(target, { mode: 0o600 }),
  );
}
