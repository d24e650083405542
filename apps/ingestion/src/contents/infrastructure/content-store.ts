import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

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
    if (await exists(target)) return this.keyOf(sha256);
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
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
