import fs, { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { readFile } from '../../../shared/callback-fs';
import { insideRoots } from '../../../data-sources/domain/data-source-definition';
import { globIsRecursive, globMatcher } from '../../domain/glob-matcher';
import { ReadContext, ResolvedSource, tooLarge } from './source-reader';

// realpath(3) in one thread-pool call; fs.realpath walks the path in JavaScript with an lstat per
// component (~24 thread-pool round trips for a one-file fetch, 8 % of ingestion's CPU in a burst).
const realpath = promisify(fs.realpath.native);
const open = promisify(fs.open);
const fstat = promisify(fs.fstat);
const close = promisify(fs.close);
const lstat = promisify(fs.lstat);

// Refusals recorded on the fetching: the save-time check compared paths as written; what counts
// is where they really lead when read.
export const PATH_OUTSIDE_ROOTS = 'INGESTION.PATH_OUTSIDE_ROOTS';

// One item per regular file under the folder whose relative path matches the glob, in name
// order. Every path is judged on its real path (symbolic links resolved) against the real paths
// of the allowed roots: a link that leads out is refused and recorded, one that stays inside is
// read. Directory links are not descended into.
export async function readFileSource(source: ResolvedSource, ctx: ReadContext): Promise<void> {
  const { folder, glob } = source.row.config as { folder: string; glob: string };
  let files: string[];
  let real: string;
  let roots: string[];
  try {
    real = await realpath(folder);
    roots = await Promise.all(ctx.fileRoots.map((r) => realpath(r).catch(() => path.resolve(r))));
    if (!insideRoots(real, roots)) {
      ctx.fail(source, `${PATH_OUTSIDE_ROOTS}: the folder leads outside the allowed roots (INGESTION_FILE_ROOTS)`, false);
      return;
    }
    files = await listFiles(real, globIsRecursive(glob));
  } catch (error) {
    ctx.fail(source, `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, true);
    return;
  }
  const matching = files.filter(globMatcher(glob)).sort();
  // A few files are read ahead while the current one is analysed and stored: one at a time, a
  // folder of many small files waited on each file-system round trip in turn. Emitted in order.
  const reads = new Map<number, Promise<FileRead>>();
  for (let i = 0; i < matching.length; i++) {
    for (let j = i; j < Math.min(matching.length, i + READ_AHEAD); j++) {
      if (!reads.has(j)) reads.set(j, readOne(path.join(real, matching[j]!), roots, ctx.maxBytes));
    }
    const read = await reads.get(i)!;
    reads.delete(i);
    const relative = matching[i]!;
    if ('tooLarge' in read) ctx.fail(source, `${relative}: ${tooLarge(read.tooLarge, ctx.maxBytes)}`, false);
    else if ('skip' in read) continue;
    else if ('outside' in read) ctx.fail(source, `${relative}: ${PATH_OUTSIDE_ROOTS}: leads outside the allowed roots`, false);
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
type FileRead = { bytes: Buffer } | { tooLarge: number } | { outside: true } | { skip: true } | { error: string };

// Never rejects: the outcome is reported in file order by the caller. The file is opened on its
// real path with O_NOFOLLOW (a link swapped in afterwards is not followed), and the opened file
// must still be the one at a real path inside the roots (a directory swapped meanwhile is caught).
async function readOne(full: string, roots: readonly string[], maxBytes: number): Promise<FileRead> {
  let fd: number | null = null;
  try {
    const real = await realpath(full);
    if (!insideRoots(real, roots)) return { outside: true };
    fd = await open(real, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | NONBLOCK);
    const [opened, now] = await Promise.all([fstat(fd), realpath(real).then(async (again) => ({ again, info: await lstat(again) }))]);
    if (!insideRoots(now.again, roots) || opened.ino !== now.info.ino || opened.dev !== now.info.dev) return { outside: true };
    // A link to a directory inside the roots: not descended into, not an item.
    if (opened.isDirectory()) return { skip: true };
    if (!opened.isFile()) return { error: 'not a regular file' };
    if (opened.size > maxBytes) return { tooLarge: opened.size };
    return { bytes: await readFile(fd) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { outside: true };
    return { error: code ?? (error as Error).message };
  } finally {
    if (fd !== null) await close(fd).catch(() => undefined);
  }
}

// A FIFO swapped in must not block the read.
const NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

// Regular files and links (judged when read); a directory link is listed too when the glob is
// recursive, so that a link leading out is recorded rather than silently skipped.
async function listFiles(root: string, recursive: boolean, prefix = ''): Promise<string[]> {
  const entries: Dirent[] = await readdir(path.join(root, prefix), { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isFile() || entry.isSymbolicLink()) out.push(relative);
    else if (entry.isDirectory() && recursive) out.push(...(await listFiles(root, true, relative)));
  }
  return out;
}
