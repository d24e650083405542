import { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { insideRoots } from '../../../data-sources/domain/data-source-definition';
import { globIsRecursive, globMatches } from '../../domain/glob-matcher';
import { ReadContext, ResolvedSource, tooLarge } from './source-reader';

// One item per regular file under the folder whose relative path matches the glob, in name
// order. Symbolic links are not followed (they could leave the folder).
export async function readFileSource(source: ResolvedSource, ctx: ReadContext): Promise<void> {
  const { folder, glob } = source.row.config as { folder: string; glob: string };
  let files: string[];
  let real: string;
  try {
    // Checked again on the real path: a symbolic link must not lead out of the allowed roots.
    real = await realpath(folder);
    const roots = await Promise.all(ctx.fileRoots.map((r) => realpath(r).catch(() => r)));
    if (!insideRoots(real, roots)) {
      ctx.fail(source, 'folder is outside the allowed roots (INGESTION_FILE_ROOTS)', false);
      return;
    }
    files = await listFiles(real, globIsRecursive(glob));
  } catch (error) {
    ctx.fail(source, `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, true);
    return;
  }
  const matching = files.filter((f) => globMatches(glob, f)).sort();
  // A few files are read ahead while the current one is analysed and stored: one at a time, a
  // folder of many small files waited on each file-system round trip in turn. Emitted in order.
  const reads = new Map<number, Promise<FileRead>>();
  for (let i = 0; i < matching.length; i++) {
    for (let j = i; j < Math.min(matching.length, i + READ_AHEAD); j++) {
      if (!reads.has(j)) reads.set(j, readOne(path.join(real, matching[j]!), ctx.maxBytes));
    }
    const read = await reads.get(i)!;
    reads.delete(i);
    const relative = matching[i]!;
    if ('tooLarge' in read) ctx.fail(source, `${relative}: ${tooLarge(read.tooLarge, ctx.maxBytes)}`, false);
    else if ('error' in read) ctx.fail(source, `${relative}: ${read.error}`, false);
    else {
      try {
        await ctx.emit(source, relative, read.bytes, null);
      } catch (error) {
        ctx.fail(source, `${relative}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, false);
      }
    }
  }
}

const READ_AHEAD = 8;
type FileRead = { bytes: Buffer } | { tooLarge: number } | { error: string };

// Never rejects: the outcome is reported in file order by the caller.
async function readOne(full: string, maxBytes: number): Promise<FileRead> {
  try {
    const info = await stat(full);
    if (info.size > maxBytes) return { tooLarge: info.size };
    return { bytes: await readFile(full) };
  } catch (error) {
    return { error: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  }
}

async function listFiles(root: string, recursive: boolean, prefix = ''): Promise<string[]> {
  const entries: Dirent[] = await readdir(path.join(root, prefix), { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isFile()) out.push(relative);
    else if (entry.isDirectory() && recursive) out.push(...(await listFiles(root, true, relative)));
  }
  return out;
}
