import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

export const REPORT_OUTPUT = Symbol('REPORT_OUTPUT');
// Rendered files live under `outputDir` as `<report uuid>/<execution uuid>.<ext>`.
export type ReportOutputSettings = { outputDir: string; maxRows: number };

// Written under a temp name, then renamed: a reader never sees half a file, and a re-run after a
// crash replaces the file whole. The content is written piece by piece as it comes; answers the
// file's size in bytes.
export async function writeReportFile(
  settings: ReportOutputSettings,
  relativePath: string,
  content: string | Iterable<string>,
): Promise<number> {
  const file = path.join(settings.outputDir, relativePath);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    let size = 0;
    const handle = await open(temp, 'w');
    try {
      for (const chunk of typeof content === 'string' ? [content] : content) {
        size += (await handle.write(chunk, null, 'utf8')).bytesWritten;
      }
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    return size;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
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
