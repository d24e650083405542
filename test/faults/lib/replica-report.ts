import { RunStart } from './load';
import { Observer } from './observer';
import { emptyRunTally, RunsVerdict } from './verify-runs';

// Run throughput per phase, measured beside the baseline phase: runs acknowledged per second (the
// gateway and workflows answering 202) and runs reaching Success per second (the whole pipeline:
// workflows, ingestion, processing), over the phase's own window.
export type RunFigures = { seconds: number; ackedPerSecond: number; successPerSecond: number };
export type PhaseWindow = {
  name: string;
  startedAt: number;
  endedAt?: number;
  rebalancedMs?: number | null;
  firstSuccessMs?: number | null;
  serviceLagZeroMs?: number | null;
  runs?: RunFigures;
};

export async function runFigures(observer: Observer, phases: PhaseWindow[], runs: RunStart[], workflowId: string): Promise<void> {
  const done = await observer.query<{ at: Date }>(
    'workflows',
    `SELECT e.completed_at AS at FROM workflow_executions e JOIN workflows w ON w.id = e.workflow_id
     WHERE w.uuid = $1 AND e.status = 'Success'`,
    [workflowId],
  );
  const times = done.map((d) => d.at.getTime());
  for (const p of phases) {
    const end = p.endedAt ?? Date.now();
    const seconds = (end - p.startedAt) / 1000;
    const acked = runs.filter((r) => r.outcome === 'ack' && r.doneAt! >= p.startedAt && r.doneAt! < end).length;
    const success = times.filter((t) => t >= p.startedAt && t < end).length;
    p.runs = { seconds, ackedPerSecond: acked / seconds, successPerSecond: success / seconds };
  }
}

const f1 = (n: number) => n.toFixed(1);
const secs = (ms: number | null | undefined) => (ms === undefined ? '-' : ms === null ? 'NEVER' : (ms / 1000).toFixed(1));

// The runs table: one line per phase; returns the problems it found.
export function replicaReport(phases: PhaseWindow[], verdict: RunsVerdict, out: (s: string) => void): string[] {
  const problems: string[] = [];
  const base = phases[0]?.runs;
  const rows: string[][] = [
    [
      'phase',
      's',
      'runs sent',
      'acked',
      'acked/s',
      'vs base',
      'Success/s',
      'vs base',
      'rebal. s',
      '1st Success s',
      'caught up s',
      'lost',
      'stuck',
      'failed',
      'dup',
      'unexp.',
    ],
  ];
  const ratio = (v: number, b: number | undefined) => (b ? `${Math.round((100 * v) / b)} %` : '-');
  const names = [...new Set([...phases.map((p) => p.name), ...verdict.byPhase.keys()])];
  for (const name of names) {
    const p = phases.find((x) => x.name === name);
    const t = verdict.byPhase.get(name) ?? emptyRunTally();
    if (!p && t.sent === 0 && t.unexpected === 0) continue;
    rows.push([
      name,
      p?.runs ? f1(p.runs.seconds) : '',
      String(t.sent),
      String(t.acked),
      p?.runs ? f1(p.runs.ackedPerSecond) : '',
      p?.runs ? ratio(p.runs.ackedPerSecond, base?.ackedPerSecond) : '',
      p?.runs ? f1(p.runs.successPerSecond) : '',
      p?.runs ? ratio(p.runs.successPerSecond, base?.successPerSecond) : '',
      secs(p?.rebalancedMs),
      secs(p?.firstSuccessMs),
      secs(p?.serviceLagZeroMs),
      String(t.lost),
      String(t.stuck),
      String(t.failed),
      String(t.duplicated),
      String(t.unexpected),
    ]);
    if (t.lost || t.stuck || t.duplicated || t.unexpected)
      problems.push(`runs ${name}: lost ${t.lost}, stuck ${t.stuck}, duplicated ${t.duplicated}, unexpected ${t.unexpected}`);
    if (t.failed) problems.push(`runs ${name}: ${t.failed} acknowledged run(s) ended without Success`);
    if (p && p.rebalancedMs === null) problems.push(`${name}: the shared groups did not rebalance onto the other replica`);
    if (p && p.firstSuccessMs === null) problems.push(`${name}: no run started after the kill reached Success while the replica was down`);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
  out(`\nRuns (${verdict.total.sent} sent through POST /workflows/:id/executions; fetch a file -> normalization):\n`);
  out(`${line(rows[0]!)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n${rows.slice(1).map(line).join('\n')}\n\n`);
  out(
    '  acked/s, Success/s: runs acknowledged (202) / runs that reached Success within the phase window; vs base: against the baseline phase\n' +
      '  rebal. s: kill -> every shared consumer group of the service Stable without the killed replica; 1st Success s: kill -> the first\n' +
      '  run started after the kill in Success; caught up s: kill -> those groups committed past every offset on their topics at\n' +
      '  the rebalance (all while the killed replica is still down)\n' +
      '  lost/stuck/failed/dup/unexp.: per phase in which the run was started (stuck = not ended after the settle window)\n\n',
  );
  const twice = verdict.stageTwice.reduce((s, c) => s + c.count, 0);
  out(`Runs check: ${verdict.details.join('\n            ')}\n`);
  for (const c of verdict.stageTwice) if (c.count) out(`  ${c.check}: ${c.count}\n`);
  if (twice) problems.push(`stage work done twice for one attempt: ${twice}`);
  return problems;
}
