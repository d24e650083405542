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
  for (const relative of files.filter((f) => globMatches(glob, f)).sort()) {
    const full = path.join(real, relative);
    try {
      const info = await stat(full);
      if (info.size > ctx.maxBytes) {
        ctx.fail(source, `${relative}: ${tooLarge(info.size, ctx.maxBytes)}`, false);
        continue;
      }
      await ctx.emit(source, relative, await readFile(full), null);
    } catch (error) {
      ctx.fail(source, `${relative}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, false);
    }
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
