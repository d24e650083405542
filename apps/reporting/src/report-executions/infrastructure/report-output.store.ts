import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

export const REPORT_OUTPUT = Symbol('REPORT_OUTPUT');
// Rendered files live under `outputDir` as `<report uuid>/<execution uuid>.<ext>`.
export type ReportOutputSettings = { outputDir: string; maxRows: number };

// Written under a temp name, then renamed: a reader never sees half a file, a re-run after a
// crash replaces the file whole, and a failure (TOO_MANY_ROWS halfway, a full disk) leaves no
// file. `produce` writes the content into the stream as it comes (and may end it); answers the
// file's size in bytes and what `produce` answered.
export async function writeReportFile<T>(
  settings: ReportOutputSettings,
  relativePath: string,
  produce: (out: Writable) => Promise<T>,
): Promise<{ size: number; result: T }> {
  const file = path.join(settings.outputDir, relativePath);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomUUID()}.tmp`;
  const out = createWriteStream(temp, { highWaterMark: 256 * 1024 });
  // A write after a failure must not become an unhandled 'error' event; `finished` reports it.
  out.on('error', () => undefined);
  try {
    const result = await produce(out);
    if (!out.writableEnded) out.end();
    await finished(out);
    await rename(temp, file);
    return { size: (await stat(file)).size, result };
  } catch (error) {
    // The file is opened asynchronously: removed before the stream has closed, an open still
    // under way would create it again after the rm.
    out.destroy();
    if (!out.closed) await once(out, 'close');
    await rm(temp, { force: true });
    throw error;
  }
}

// Waits while the stream asks its writer to (its buffer is over its high-water mark).
export async function whenDrained(out: Writable): Promise<void> {
  if (out.writableNeedDrain && !out.destroyed) await once(out, 'drain');
}

// Text pieces into a stream, gathered into writes of about 64 KiB.
export class TextSink {
  private pieces: string[] = [];
  private length = 0;

  constructor(private readonly out: Writable) {}

  async write(piece: string): Promise<void> {
    this.pieces.push(piece);
    this.length += piece.length;
    if (this.length >= 64 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pieces.length === 0) return;
    this.out.write(this.pieces.join(''), 'utf8');
    this.pieces = [];
    this.length = 0;
    await whenDrained(this.out);
  }
}

// The file of a run, or null when there is none. The path comes from our own event, but nothing
// outside the output directory is ever served.
export async function openReportFile(
  settings: ReportOutputSettings,
  relativePath: string,
): Promise<{ stream: Readable; length: number } | null> {
  const root = path.resolve(settings.outputDir);
  const file = path.resolve(root, relativePath);
  if (!file.startsWith(`${root}${path.sep}`)) return null;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  return { stream: createReadStream(file), length: info.size };
}
