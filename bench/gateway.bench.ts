import { ChildProcess, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
// autocannon ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;
import { call, Session, workflowBody } from './lib/api';
import { distDir, freePort, spawnNode, stopProcess, waitHttp } from './lib/processes';
import { log, ResultRow, round, summarize, Summary } from './lib/stats';
import type { PacedOptions, PacedResult } from './paced-load';

type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
  duration: number;
};

export type Target = {
  name: string;
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: () => string;
  bodyTemplate?: string;
  p99TargetMs?: number;
  ratioTarget?: number;
  // p99 at half load from the even-paced sender (bench/paced-load.ts). Not for the cheapest route:
  // at its ~15 000 req/s one Node sender is itself the bottleneck (the bare server measured that
  // way showed a p99 of 265 ms), so autocannon's rate mode, continuous at that rate, measures it.
  paced?: boolean;
};

export type GatewayOptions = { gateway: string; session: Session; rounds: number; durationS: number; connections: number };

export type BareServer = { url: string; child: ChildProcess };

export async function startBareServer(): Promise<BareServer> {
  const port = await freePort();
  const child = spawnNode(path.join(distDir, 'bench/bare-server.js'), [String(port)], process.env);
  const url = `http://127.0.0.1:${port}`;
  await waitHttp(`${url}/hello`, 20_000);
  return { url, child };
}

export const stopBareServer = (bare: BareServer) => stopProcess(bare.child);

async function load(target: Target, durationS: number, connections: number, overallRate?: number): Promise<AutocannonResult> {
  const result = await autocannon({
    url: target.url,
    method: target.method,
    duration: durationS,
    connections,
    pipelining: 1,
    timeout: 10,
    headers: { ...(target.body ? { 'content-type': 'application/json' } : {}), ...target.headers },
    ...(target.body ? { requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: target.body!() }) }] } : {}),
    ...(overallRate ? { overallRate: Math.max(1, Math.round(overallRate)) } : {}),
  });
  const n = result.non2xx + result.errors + result.timeouts;
  if (n > result['2xx'] * 0.01)
    throw new Error(
      `${target.name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts of ${result.requests.total}`,
    );
  return result;
}

// The same target at an even rate, from a process of its own (bench/paced-load.ts).
async function paced(target: Target, durationS: number, connections: number, rate: number): Promise<PacedResult> {
  const options: PacedOptions = {
    url: target.url,
    method: target.method,
    headers: target.headers,
    bodyTemplate: target.bodyTemplate,
    rate,
    durationS,
    connections,
  };
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(distDir, 'bench/paced-load.js'), JSON.stringify(options)], {
    timeout: (durationS + 30) * 1000,
  });
  const result = JSON.parse(stdout.trim().split('\n').pop()!) as PacedResult;
  if (result.failed > result.sent * 0.01) throw new Error(`${target.name}: ${result.failed} of ${result.sent} paced requests failed`);
  return result;
}

async function autocannonAt(target: Target, options: GatewayOptions, rate: number): Promise<{ p50: number; p99: number }> {
  const result = await load(target, options.durationS, options.connections, rate);
  return { p50: result.latency.p50, p99: result.latency.p99 };
}

export type Measured = { target: Target; maxRps: number[]; bareRps: number[]; p99: number[]; bareP99: number[]; p50: number[] };

// Benchmark 3. For every target and round: the bare server at full load, then the target at
// full load (A, B, A, B ...); the ratio of each pair is one sample. Then the same pairs at half
// of each one's own maximum, for the p99 latency.
export async function gatewayBench(
  bare: BareServer,
  options: GatewayOptions,
): Promise<{ rows: ResultRow[]; details: unknown; writeMaxRps: number }> {
  const { gateway, session } = options;
  const auth = { authorization: `Bearer ${session.token}` };
  const created = await call<{ id: string }>(gateway, 'POST', '/api/v1/workflows', workflowBody('bench read target'), session.token);
  let seq = 0;
  const bareTarget: Target = { name: 'bare Fastify GET /hello', method: 'GET', url: `${bare.url}/hello` };
  const targets: Target[] = [
    { name: 'gateway GET /health/live (cheapest)', method: 'GET', url: `${gateway}/health/live`, p99TargetMs: 5, ratioTarget: 0.8 },
    {
      name: 'GET /api/v1/workflows/:id (JWT + DB read)',
      method: 'GET',
      url: `${gateway}/api/v1/workflows/${created.id}`,
      headers: auth,
      p99TargetMs: 15,
      ratioTarget: 0.35,
      paced: true,
    },
    {
      name: 'POST /api/v1/workflows (command, event, outbox)',
      method: 'POST',
      url: `${gateway}/api/v1/workflows`,
      headers: auth,
      body: () => JSON.stringify(workflowBody(`bench write ${++seq}`)),
      bodyTemplate: JSON.stringify(workflowBody('bench paced write {{n}}')),
      p99TargetMs: 25,
      paced: true,
    },
  ];
  const measured: Measured[] = targets.map((target) => ({ target, maxRps: [], bareRps: [], p99: [], bareP99: [], p50: [] }));
  // Warm-up: JIT, keep-alive pools, the first DB connections.
  for (const t of [bareTarget, ...targets]) await load(t, 1, options.connections);
  for (let r = 1; r <= options.rounds; r++) {
    for (const m of measured) {
      const b = await load(bareTarget, options.durationS, options.connections);
      const t = await load(m.target, options.durationS, options.connections);
      m.bareRps.push(b.requests.average);
      m.maxRps.push(t.requests.average);
      log(
        `gateway: round ${r} ${m.target.name}: ${Math.round(t.requests.average)} req/s vs bare ${Math.round(b.requests.average)} req/s (ratio ${(t.requests.average / b.requests.average).toFixed(2)})`,
      );
    }
  }
  for (let r = 1; r <= options.rounds; r++) {
    for (const m of measured) {
      const half = summarize(m.maxRps).median / 2;
      const atRate = m.target.paced
        ? (t: Target) => paced(t, options.durationS, options.connections, half)
        : (t: Target) => autocannonAt(t, options, half);
      const b = await atRate(bareTarget);
      const t = await atRate(m.target);
      m.bareP99.push(b.p99);
      m.p99.push(t.p99);
      m.p50.push(t.p50);
      log(
        `gateway: round ${r} ${m.target.name} at ${Math.round(half)} req/s (${m.target.paced ? 'paced' : 'autocannon'}): p50 ${t.p50} ms, p99 ${t.p99} ms (bare at the same rate: p99 ${b.p99} ms)`,
      );
    }
  }
  const rows: ResultRow[] = [];
  for (const m of measured) {
    const ratio = summarize(m.maxRps.map((v, i) => v / m.bareRps[i]!));
    rows.push({
      benchmark: '3. gateway',
      metric: `${m.target.name}: max throughput`,
      unit: 'req/s',
      value: rounded(summarize(m.maxRps)),
      baseline: rounded(summarize(m.bareRps)),
      ratio,
      ...(m.target.ratioTarget ? { target: `ratio >= ${m.target.ratioTarget}`, met: ratio.median >= m.target.ratioTarget } : {}),
    });
    const p99 = summarize(m.p99);
    rows.push({
      benchmark: '3. gateway',
      metric: `${m.target.name}: p99 at half its max`,
      unit: 'ms',
      value: p99,
      baseline: summarize(m.bareP99),
      target: `p99 <= ${m.target.p99TargetMs} ms`,
      met: p99.median <= m.target.p99TargetMs!,
      note: `p50 ${summarize(m.p50).median} ms; baseline = bare Fastify at the same request rate`,
    });
  }
  const write = measured[2]!;
  return { rows, details: measured.map((m) => ({ ...m, target: m.target.name })), writeMaxRps: summarize(write.maxRps).median };
}

const rounded = (s: Summary): Summary => ({
  median: round(s.median, 0),
  min: round(s.min, 0),
  max: round(s.max, 0),
  runs: s.runs.map((v) => round(v, 0)),
});
