import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { initLogger } from '@mindhill/platform';
import { auditIngestionBench } from './audit-ingestion.bench';
import { executionsBench } from './executions.bench';
import { gatewayBench, startBareServer, stopBareServer } from './gateway.bench';
import { latencyBench } from './latency.bench';
import { signIn } from './lib/api';
import { freePortRange } from './lib/processes';
import { pipelineBench } from './pipeline.bench';
import { reportRenderBench } from './report-render.bench';
import { cleanupPlatform, gatewayUrl, platformConfig, RunningPlatform, startPlatform, stopPlatform } from './platform';
import { startupBench } from './startup.bench';
import { statementCostBench } from './statement-cost.bench';
import { POSTGRES_BASE } from './lib/databases';
import { log, machine, ResultRow, summarize } from './lib/stats';
import { printTable } from './lib/table';

const root = process.env.BENCH_REPO_ROOT ?? path.resolve(__dirname, '../..');
const envNumber = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

async function main(): Promise<void> {
  const started = Date.now();
  initLogger('bench', process.env.BENCH_LOG_LEVEL ?? 'warn');
  const runId = randomBytes(3).toString('hex');
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : null;
  const wants = (name: string) => !only || only.includes(name);
  const rows: ResultRow[] = [];
  const details: Record<string, unknown> = {};
  const host = machine();
  log(
    `machine: ${host.cores} cores (${host.cpuModel}), ${host.memoryGiB} GiB, load ${host.loadAverage.join(' ')}, Node ${host.node}; run ${runId}`,
  );
  log(`PostgreSQL at ${new URL(POSTGRES_BASE).hostname.replace(/%2F/gi, '/')} (BENCH_POSTGRES_URL chooses)`);

  if (wants('audit')) {
    const r = await auditIngestionBench({
      events: envNumber('BENCH_AUDIT_EVENTS', 200_000),
      rounds: envNumber('BENCH_AUDIT_ROUNDS', 2),
      brokers,
      runId,
    });
    rows.push(...r.rows);
    details.audit = r.details;
  }

  if (wants('reports')) {
    const r = await reportRenderBench({ rows: envNumber('BENCH_REPORT_ROWS', 200_000), runId });
    rows.push(...r.rows);
    details.reports = r.details;
  }

  if (wants('statements')) {
    const r = await statementCostBench({ runId, statements: envNumber('BENCH_STATEMENTS', 5_000) });
    rows.push(...r.rows);
    details.statements = r.details;
  }

  const platformBenches = ['startup', 'gateway', 'latency', 'pipeline', 'executions'].filter(wants);
  if (platformBenches.length > 0) {
    const resultsDir = path.join(root, 'bench-results');
    mkdirSync(resultsDir, { recursive: true });
    const config = platformConfig(runId, await freePortRange(7), resultsDir, brokers);
    // Benchmark 7 measures the engine, not the admission limits (5 runs at once, 3 per user).
    if (wants('executions')) {
      config.env.WORKFLOWS_MAX_CONCURRENT_RUNS = '100000';
      config.env.WORKFLOWS_MAX_CONCURRENT_RUNS_PER_USER = '100000';
    }
    let running: RunningPlatform | undefined;
    try {
      try {
        if (wants('startup')) {
          const r = await startupBench(config);
          running = r.running;
          rows.push(...r.rows);
          details.startup = r.details;
        } else {
          running = await startPlatform(config);
          log(`platform ready in ${(running.readyMs / 1000).toFixed(1)} s`);
        }
        const gateway = gatewayUrl(config);
        const session = await signIn(gateway);
        const bare = await startBareServer();
        try {
          let writeMaxRps = envNumber('BENCH_WRITE_RATE', 0) * 2;
          if (wants('gateway')) {
            const r = await gatewayBench(bare, {
              gateway,
              session,
              rounds: envNumber('BENCH_GATEWAY_ROUNDS', 2),
              durationS: envNumber('BENCH_GATEWAY_SECONDS', 4),
              connections: envNumber('BENCH_CONNECTIONS', 16),
            });
            rows.push(...r.rows);
            details.gateway = r.details;
            writeMaxRps ||= r.writeMaxRps;
          }
          if (wants('latency')) {
            const rate = Math.max(5, Math.round((writeMaxRps || 200) / 2));
            const r = await latencyBench(bare, {
              gateway,
              session,
              auditDbUrl: String(config.env.AUDIT_DATABASE_URL),
              rate,
              durationS: envNumber('BENCH_LATENCY_SECONDS', 6),
              rounds: envNumber('BENCH_LATENCY_ROUNDS', 2),
            });
            rows.push(...r.rows);
            details.latency = r.details;
          }
          if (wants('pipeline')) {
            const r = await pipelineBench({
              gateway,
              session,
              files: envNumber('BENCH_PIPELINE_FILES', 10_000),
              rounds: envNumber('BENCH_PIPELINE_ROUNDS', 2),
              fileRoot: config.fileRoot,
              timeoutMs: envNumber('BENCH_PIPELINE_TIMEOUT_S', 240) * 1000,
            });
            rows.push(...r.rows);
            details.pipeline = r.details;
          }
          if (wants('executions')) {
            const r = await executionsBench({
              gateway,
              session,
              config,
              platformPid: running.child.pid!,
              burst: envNumber('BENCH_EXEC_BURST', 100),
              rates: (process.env.BENCH_EXEC_RATES ?? '10,25,50,100,150').split(',').map(Number),
              stepSeconds: envNumber('BENCH_EXEC_SECONDS', 10),
              graceS: envNumber('BENCH_EXEC_GRACE_S', 5),
              drainS: envNumber('BENCH_EXEC_DRAIN_S', 45),
              idleS: envNumber('BENCH_EXEC_IDLE_S', 20),
              bareMs: envNumber('BENCH_EXEC_BARE_S', 3) * 1000,
              replicas: envNumber('BENCH_REPLICAS', 2),
            });
            rows.push(...r.rows);
            details.executions = r.details;
          }
        } finally {
          await stopBareServer(bare);
        }
      } catch (error) {
        // The table and the JSON are still written, with what was measured before the failure.
        log(`platform benchmarks stopped: ${(error as Error).message.split('\n')[0]}`);
        rows.push({
          benchmark: platformBenches.join(', '),
          metric: 'not completed',
          unit: '-',
          value: summarize([NaN]),
          met: false,
          note: `FAILED: ${(error as Error).message.slice(0, 300)}`,
        });
        details.platformFailure = (error as Error).message.slice(0, 5000);
      }
    } finally {
      if (running) {
        const ms = await stopPlatform(running);
        log(`platform stopped (SIGINT) in ${(ms / 1000).toFixed(1)} s`);
      }
      await cleanupPlatform(config).catch((error: Error) => log(`cleanup failed: ${error.message}`));
      rmSync(path.dirname(config.fileRoot), { recursive: true, force: true });
    }
  }

  const totalMs = Date.now() - started + envNumber('BENCH_BUILD_MS', 0);
  printTable(rows);
  log(`total ${(totalMs / 1000).toFixed(0)} s (build ${(envNumber('BENCH_BUILD_MS', 0) / 1000).toFixed(0)} s)`);
  const dir = path.join(root, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        runId,
        startedAt: new Date(started).toISOString(),
        totalMs,
        machine: { ...host, loadAverageAtEnd: machine().loadAverage },
        results: rows,
        details,
      },
      null,
      2,
    ),
  );
  log(`results written to ${path.relative(root, file)}`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
