import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '@mindhill/persistence';

export type ExpiredReportFile = { reportExecutionId: string; outputFilePath: string; sizeBytes: number };

const EXPIRED = `output_file_path IS NOT NULL AND output_file_expired_at IS NULL AND completed_at < ?`;

export async function countExpiredReportFiles(em: EntityManager, cutoff: string): Promise<{ files: number; bytes: number }> {
  const [row] = await executeBound<{ n: string; bytes: string | null }>(
    em,
    `SELECT count(*) AS n, sum(output_file_size_bytes) AS bytes FROM report_executions WHERE ${EXPIRED}`,
    [cutoff],
  );
  return { files: Number(row?.n ?? 0), bytes: Number(row?.bytes ?? 0) };
}

export async function findExpiredReportFiles(em: EntityManager, cutoff: string, limit: number): Promise<ExpiredReportFile[]> {
  const rows = await executeBound<{ uuid: string; output_file_path: string; output_file_size_bytes: string | null }>(
    em,
    `SELECT uuid, output_file_path, output_file_size_bytes FROM report_executions WHERE ${EXPIRED} ORDER BY id LIMIT ?`,
    [cutoff, limit],
  );
  return rows.map((r) => ({
    reportExecutionId: r.uuid,
    outputFilePath: r.output_file_path,
    sizeBytes: Number(r.output_file_size_bytes ?? 0),
  }));
}

// Deletes a run's file under the output directory (never anything outside it); answers the
// bytes freed, or null when there was no file.
export async function deleteReportFile(outputDir: string, relativePath: string): Promise<number | null> {
  const root = path.resolve(outputDir);
  const file = path.resolve(root, relativePath);
  if (!file.startsWith(`${root}${path.sep}`)) return null;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  await rm(file, { force: true });
  return info.size;
}
