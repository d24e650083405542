// One report rendering in a process of its own, so its peak RSS is its own: the render job's
// path (buildSourceQuery → streamReportSource, a pg cursor → writeReport → writeReportFile) over
// the bench database's rm_execution rows. `array` mode instead loads every row first (what the
// renderer did before streaming), for comparison. Prints one JSON line.
import { MikroORM } from '@mikro-orm/postgresql';
import { createOrmConfig } from '@mindhill/persistence';
import { renderableFormatSchema } from '@mindhill/contracts';
import { reportColumns, ReportRow } from '../apps/reporting/src/reports/domain/report-rows';
import { writeReport } from '../apps/reporting/src/report-executions/infrastructure/report-file.writer';
import { writeReportFile } from '../apps/reporting/src/report-executions/infrastructure/report-output.store';
import {
  buildSourceQuery,
  streamReportSource,
  toCell,
} from '../apps/reporting/src/report-executions/infrastructure/report-source.read-model';

async function main(): Promise<void> {
  const [formatArg, url, outDir, mode = 'stream', limitArg] = process.argv.slice(2);
  const format = renderableFormatSchema.parse(formatArg);
  let peak = process.memoryUsage().rss;
  let peakHeap = 0;
  let peakExternal = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakExternal = Math.max(peakExternal, m.external);
  }, 10);
  const orm = await MikroORM.init(createOrmConfig({ clientUrl: url, entities: [], migrations: [] }));
  const em = orm.em.fork();
  await em.execute('SELECT 1');
  const baseline = process.memoryUsage().rss;
  peak = baseline;
  peakHeap = process.memoryUsage().heapUsed;
  const maxRows = 1_000_000;
  const config = { source: 'executions' as const };
  const columns = reportColumns(config, null);
  const query = buildSourceQuery({
    source: 'executions',
    filters: {},
    dataSources: null,
    columns,
    grouping: null,
    sorting: null,
    limit: limitArg ? Number(limitArg) : maxRows + 1,
  });
  const heading = {
    meta: { id: 'bench', number: 1, name: 'Bench executions', type: 'detailed', source: 'executions', executionId: 'bench' },
    generatedAt: new Date().toISOString(),
  };
  const started = performance.now();
  let rows: AsyncIterable<ReportRow>;
  if (mode === 'array') {
    const raw = await em.execute<Record<string, unknown>[]>(query.sql, query.params);
    const loaded = raw.map((r) => Object.fromEntries(query.columns.map((c) => [c, toCell(r[c])])));
    rows = (async function* () {
      yield* loaded;
    })();
  } else {
    rows = streamReportSource(em, query, maxRows);
  }
  const { size, result } = await writeReportFile({ outputDir: outDir, maxRows }, `bench/${format}-${mode}.${format}`, (out) =>
    writeReport(format, out, heading, columns, rows),
  );
  const ms = performance.now() - started;
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(sampler);
  await orm.close();
  process.stdout.write(
    `${JSON.stringify({ format, mode, rows: result.rows, ms, sizeBytes: size, baselineRss: baseline, peakRss: peak, peakHeap, peakExternal })}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`report render failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
