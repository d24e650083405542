import { readdirSync, readFileSync } from 'node:fs';

// CPU time of the platform's app processes, read from /proc (Linux): utime + stime of each app,
// found as the descendants of start-platform whose command line runs apps/<name>/src/main.js.
const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the project runs on

export type AppProcess = { app: string; pid: number };
export type CpuSample = { at: number; seconds: Record<string, number> };

type ProcStat = { name: string; ppid: number; cpuSeconds: number; childrenSeconds: number };

function stat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      name: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')),
      ppid: Number(fields[1]),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
      // What its exited (and waited-for) children used.
      childrenSeconds: (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND,
    };
  } catch {
    return null;
  }
}

function allProcesses(): Map<number, ProcStat> {
  const all = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    const s = Number.isInteger(pid) ? stat(pid) : null;
    if (s) all.set(pid, s);
  }
  return all;
}

// The processes below rootPid that run an app's main.js; an app started twice (replicas) is
// named <app>#2 for its second process.
export function appProcesses(rootPid: number): AppProcess[] {
  const children = new Map<number, number[]>();
  for (const [pid, s] of allProcesses()) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  const found: AppProcess[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      let cmdline: string;
      try {
        cmdline = readFileSync(`/proc/${child}/cmdline`, 'utf8');
      } catch {
        continue; // exited meanwhile
      }
      const m = /apps\/([a-z]+)\/src\/main\.js/.exec(cmdline);
      if (m) found.push({ app: m[1]!, pid: child });
      walk(child);
    }
  };
  walk(rootPid);
  const seen = new Map<string, number>();
  return found
    .sort((a, b) => a.pid - b.pid)
    .map((p) => {
      const n = (seen.get(p.app) ?? 0) + 1;
      seen.set(p.app, n);
      return n === 1 ? p : { ...p, app: `${p.app}#${n}` };
    });
}

export function sampleCpu(processes: readonly AppProcess[]): CpuSample {
  const seconds: Record<string, number> = {};
  for (const p of processes) seconds[p.app] = stat(p.pid)?.cpuSeconds ?? NaN;
  return { at: performance.now(), seconds };
}

// CPU seconds used by each app between two samples.
export function cpuDelta(before: CpuSample, after: CpuSample): { wallS: number; seconds: Record<string, number> } {
  const seconds: Record<string, number> = {};
  for (const app of Object.keys(before.seconds)) seconds[app] = after.seconds[app]! - before.seconds[app]!;
  return { wallS: (after.at - before.at) / 1000, seconds };
}

// CPU seconds so far of what the platform runs on, beside the apps: PostgreSQL (every process
// named postgres, plus what exited backends left in the postmaster's children's time) and the
// Kafka broker (java running kafka.Kafka). Machine-wide: meaningful on a quiet machine only.
export type InfrastructureCpu = { postgres: number; kafka: number };

export function infrastructureCpu(): InfrastructureCpu {
  const total = { postgres: 0, kafka: 0 };
  const all = allProcesses();
  for (const [pid, p] of all) {
    if (p.name === 'postgres') {
      total.postgres += p.cpuSeconds;
      // The postmaster (its parent is no postgres): backends that exited are counted here.
      if (all.get(p.ppid)?.name !== 'postgres') total.postgres += p.childrenSeconds;
    } else if (p.name === 'java' && isKafka(pid)) {
      total.kafka += p.cpuSeconds;
    }
  }
  return total;
}

function isKafka(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('kafka.Kafka');
  } catch {
    return false; // exited meanwhile
  }
}
