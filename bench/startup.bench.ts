import path from 'node:path';
import { distDir, freePortRange, spawnNode, stopProcess, waitHttp } from './lib/processes';
import { log, ResultRow, summarize } from './lib/stats';
import { APP_NAMES, PlatformConfig, RunningPlatform, startPlatform, stopPlatform } from './platform';

// Benchmark 5: from spawning start-platform (build done, Kafka running) to every app's
// /health/ready = 200. Run 1 creates the six databases and applies every migration (a fresh
// clone's first start); run 2 finds them (every later start). The baseline, alternated with
// it, spawns seven bare Fastify processes and waits until all answer: the machine's own cost
// of starting seven Node processes right now.
export async function startupBench(config: PlatformConfig): Promise<{ rows: ResultRow[]; details: unknown; running: RunningPlatform }> {
  const baseline: number[] = [];
  const first: number[] = [];
  const restart: number[] = [];
  const stops: number[] = [];
  const failures: { round: number; error: string }[] = [];
  let running: RunningPlatform | undefined;
  for (let round = 1; round <= 2; round++) {
    baseline.push(await bareStart());
    log(`startup: round ${round} bare x7 ${baseline.at(-1)!.toFixed(0)} ms`);
    try {
      running = await startPlatform(config);
    } catch (error) {
      // Recorded, then started again: the run goes on with the databases and topics in place.
      failures.push({ round, error: (error as Error).message.slice(0, 4000) });
      log(
        `startup: round ${round} platform FAILED to start: ${(error as Error).message.split('\n')[0]} (see ${config.logFile}); starting again`,
      );
      running = await startPlatform(config);
      if (round === 1) {
        restart.push(running.readyMs);
        log(
          `startup: round ${round} platform (second attempt: databases migrated, topics exist) ready in ${(running.readyMs / 1000).toFixed(1)} s`,
        );
        stops.push(await stopPlatform(running));
        continue;
      }
    }
    (round === 1 ? first : restart).push(running.readyMs);
    log(
      `startup: round ${round} platform ${round === 1 ? '(fresh databases + migrations)' : '(restart)'} ready in ${(running.readyMs / 1000).toFixed(1)} s`,
    );
    if (round === 1) {
      stops.push(await stopPlatform(running));
      log(`startup: stopped with SIGINT in ${(stops[0]! / 1000).toFixed(1)} s`);
    }
  }
  // Each platform start is paired with the bare start of its own round.
  const row = (metric: string, values: number[], pairedBaseline: number[]): ResultRow => {
    const value = summarize(values.map((v) => v / 1000));
    return {
      benchmark: '5. start-up',
      metric,
      unit: 's',
      value,
      baseline: summarize(pairedBaseline.map((v) => v / 1000)),
      ratio: summarize(values.map((v, i) => v / pairedBaseline[i]!)),
      target: '<= 15 s',
      met: value.median <= 15,
      note: metric.startsWith('first')
        ? 'ratio = platform time / seven bare Fastify processes started in the same round (a slowdown factor)'
        : undefined,
    };
  };
  const rows: ResultRow[] = [];
  if (first.length > 0) rows.push(row('first start: create DBs + migrate + 7 apps ready', first, [baseline[0]!]));
  else {
    rows.push({
      benchmark: '5. start-up',
      metric: 'first start: create DBs + migrate + 7 apps ready',
      unit: 's',
      value: summarize([NaN]),
      target: '<= 15 s',
      met: false,
      note: `FAILED: ${failures[0]?.error.split('\n')[0] ?? '?'} (an app exited during the first start on fresh topics; see the platform log)`,
    });
  }
  rows.push(row('restart: 7 apps ready', restart, restart.length > 1 ? baseline : [baseline[1]!]));
  return {
    rows,
    details: { failures, bareMs: baseline, firstStartMs: first, restartMs: restart, stopMs: stops, apps: APP_NAMES.length },
    running: running!,
  };
}

async function bareStart(): Promise<number> {
  const base = await freePortRange(APP_NAMES.length);
  const started = performance.now();
  const children = APP_NAMES.map((_, i) => spawnNode(path.join(distDir, 'bench/bare-server.js'), [String(base + i)], process.env));
  try {
    await Promise.all(APP_NAMES.map((_, i) => waitHttp(`http://127.0.0.1:${base + i}/health/live`, 30_000, 20)));
    return performance.now() - started;
  } finally {
    await Promise.all(children.map((c) => stopProcess(c)));
  }
}
