import { randomBytes } from 'node:crypto';
import { mkdir, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { readFile, rename, stat, writeFile } from '../../shared/callback-fs';

// Content-addressed bytes on disk: `<dir>/<sha[0..2]>/<sha>`. A blob is written to a temp file
// in the same folder and renamed into place, so a crash never leaves a partial blob under its
// final name, and writing the same bytes twice is harmless.
export class ContentStore {
  constructor(readonly root: string) {}

  keyOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('Not a sha256 hex digest');
    return `${sha256.slice(0, 2)}/${sha256}`;
  }

  pathOf(sha256: string): string {
    return path.join(this.root, this.keyOf(sha256));
  }

  async put(sha256: string, bytes: Buffer): Promise<string> {
    const target = this.pathOf(sha256);
    // Bytes already held: touched, so a retention run deleting an old content's blob leaves
    // alone one that a fetch has just recognised (its content may not be recorded yet).
    if (await exists(target)) {
      const now = new Date();
      await utimes(target, now, now).catch(() => undefined);
      return this.keyOf(sha256);
    }
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      // The folder is made only when missing (at most 256 of them), not before every write.
      await writeFile(temp, bytes, { flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(temp, bytes, { flag: 'wx' });
      });
      await rename(temp, target);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    return this.keyOf(sha256);
  }

  get(sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256));
  }

  // When the blob was last written or recognised, or null when there is none.
  async touchedAt(sha256: string): Promise<Date | null> {
    const info = await stat(this.pathOf(sha256)).catch(() => null);
    return info ? info.mtime : null;
  }

  // Deletes a blob; answers the bytes freed, or null when there was none.
  async remove(sha256: string): Promise<number | null> {
    const file = this.pathOf(sha256);
    const info = await stat(file).catch(() => null);
    if (!info) return null;
    try {
      await unlink(file);
      return info.size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
