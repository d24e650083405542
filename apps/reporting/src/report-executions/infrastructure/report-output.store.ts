import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

export const REPORT_OUTPUT = Symbol('REPORT_OUTPUT');
// Rendered files live under `outputDir` as `<report uuid>/<execution uuid>.<ext>`.
export type ReportOutputSettings = { outputDir: string; maxRows: number };

// Written under a temp name, then renamed: a reader never sees half a file, and a re-run after a
// crash replaces the file whole.
export async function writeReportFile(settings: ReportOutputSettings, relativePath: string, content: string): Promise<void> {
  const file = path.join(settings.outputDir, relativePath);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, content, 'utf8');
    await rename(temp, file);
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
