import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { reportingMigrations } from '../apps/reporting/src/migrations';
import { createDatabase, dropDatabases, withClient } from './lib/databases';
import { log, ResultRow, round, summarize } from './lib/stats';

const run = promisify(execFile);
const FORMATS = ['json', 'csv', 'html', 'xlsx', 'pdf'] as const;
const MiB = 1024 * 1024;

export type ReportRenderResult = {
  format: string;
  mode: string;
  rows: number;
  ms: number;
  sizeBytes: number;
  baselineRss: number;
  peakRss: number;
  peakHeap: number;
  peakExternal: number;
};

// Benchmark 6: render N executions (16 columns, every default column of the executions source)
// in each format, each in a child process of its own (bench/report-render-child.ts) whose RSS is
// sampled every 10 ms: peak RSS, the growth over the process's RSS before the query, time, file
// size. Then json and csv once more with every row loaded first (the renderer before streaming).
export async function reportRenderBench(options: { rows: number; runId: string }): Promise<{ rows: ResultRow[]; details: unknown }> {
  const name = `mindhill_bench_${options.runId}_reports`;
  const url = await createDatabase(name, reportingMigrations);
  const outDir = mkdtempSync(path.join(tmpdir(), 'bench-reports-'));
  try {
    await withClient(url, (client) =>
      client.query(
        `INSERT INTO rm_execution (execution_id, execution_number, workflow_id, workflow_number, workflow_name, workflow_version, run_number,
           triggered_by, status, created_at, started_at, completed_at, duration_minutes, content_processed, bytes_processed,
           stages_completed, error_code, error_message)
         SELECT gen_random_uuid(), n, gen_random_uuid(), n % 50, 'workflow ' || (n % 50), 1 + n % 3, n, 'manual',
           CASE WHEN n % 10 = 0 THEN 'Failed' ELSE 'Success' END,
           timestamptz '2026-01-01' + n * interval '1 minute', timestamptz '2026-01-01' + n * interval '1 minute' + interval '2 seconds',
           timestamptz '2026-01-01' + n * interval '1 minute' + interval '40 seconds', (n % 97) / 10.0, n % 1000, (n % 1000) * 2048, 3,
           CASE WHEN n % 10 = 0 THEN 'FETCH.TIMEOUT' END, CASE WHEN n % 10 = 0 THEN 'The source did not answer within 30 s, "again"' END
         FROM generate_series(1, $1::int) AS n`,
        [options.rows],
      ),
    );
    await withClient(url, (client) => client.query('ANALYZE rm_execution'));
    log(`report render: ${options.rows} rm_execution rows loaded`);
    const child = path.join(__dirname, 'report-render-child.js');
    const results: ReportRenderResult[] = [];
    // Every format at a quarter of the rows and at all of them (bounded memory: the same peak),
    // then json and csv with the rows loaded first.
    const quarter = Math.max(1, Math.floor(options.rows / 4));
    const formats = process.env.BENCH_REPORT_FORMATS
      ? FORMATS.filter((f) => process.env.BENCH_REPORT_FORMATS!.split(',').includes(f))
      : FORMATS;
    const flags = (process.env.BENCH_REPORT_NODE_FLAGS ?? '').split(' ').filter(Boolean);
    const plan = [
      ...formats.flatMap((f) => [[f, 'stream', quarter] as const, [f, 'stream', options.rows] as const]),
      ...(formats.includes('json') ? [['json', 'array', options.rows] as const] : []),
      ...(formats.includes('csv') ? [['csv', 'array', options.rows] as const] : []),
    ];
    for (const [format, mode, count] of plan) {
      const { stdout } = await run(process.execPath, [...flags, child, format, url, outDir, mode, String(count)], { maxBuffer: 1 << 20 });
      const result = JSON.parse(stdout.trim().split('\n').pop()!) as ReportRenderResult;
      if (result.rows !== count) throw new Error(`${format} rendered ${result.rows} rows, not ${count}`);
      results.push(result);
      log(
        `report render ${format} (${mode}, ${count} rows): ${round(result.ms / 1000, 1)} s, peak RSS ${round(result.peakRss / MiB, 0)} MiB ` +
          `(+${round((result.peakRss - result.baselineRss) / MiB, 0)}), heap ${round(result.peakHeap / MiB, 0)} MiB, ` +
          `external ${round(result.peakExternal / MiB, 0)} MiB, ${round(result.sizeBytes / MiB, 1)} MiB file`,
      );
    }
    const rows: ResultRow[] = results.flatMap((r) => [
      {
        benchmark: `6. report render ${r.format}${r.mode === 'array' ? ' (rows loaded first)' : ''}`,
        metric: `${r.rows} rows, peak RSS`,
        unit: 'MiB',
        value: summarize([round(r.peakRss / MiB, 0)]),
        note:
          `+${round((r.peakRss - r.baselineRss) / MiB, 0)} MiB over the process before the query, peak heap ` +
          `${round(r.peakHeap / MiB, 0)} MiB; ${round(r.ms / 1000, 1)} s; file ${round(r.sizeBytes / MiB, 1)} MiB`,
      },
    ]);
    return { rows, details: results };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
    await dropDatabases([name]);
  }
}
