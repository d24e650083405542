import http from 'node:http';

// Open-loop load at an even rate, for "p99 at a given rate". Requests leave on a fixed schedule
// whatever the answers do, and each latency counts from the moment the request was due, so a
// stalled server is not hidden by a client that waits for it (coordinated omission).
// autocannon's overallRate sends each connection's share of a second back to back and then
// waits, which measures bursts at full speed rather than the rate. A process of its own, as the
// load must be. Usage: node dist/bench/paced-load.js '<json PacedOptions>'; prints one JSON line.
export type PacedOptions = {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  // For writes: the body, with every {{n}} replaced by a number unique in the run.
  bodyTemplate?: string;
  rate: number;
  durationS: number;
  connections: number;
};
export type PacedResult = { sent: number; ok: number; failed: number; p50: number; p99: number; max: number; achievedRate: number };

async function main(): Promise<void> {
  const o = JSON.parse(process.argv[2] ?? '{}') as PacedOptions;
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const latencies: number[] = [];
  let failed = 0;
  let sent = 0;
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  const total = Math.round(o.rate * o.durationS);
  const intervalMs = 1000 / o.rate;
  const send = (dueAt: number, n: number) => {
    const body = o.bodyTemplate?.replaceAll('{{n}}', `${process.pid}-${n}`);
    const p = new Promise<void>((resolve) => {
      const req = http.request(
        o.url,
        {
          method: o.method,
          agent,
          headers: { ...o.headers, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode && res.statusCode < 300) latencies.push(performance.now() - dueAt);
            else failed++;
            resolve();
          });
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        failed++;
        resolve();
      });
      req.end(body);
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  // A 1 ms tick sends every request whose time has come; each keeps its own due time.
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      while (sent < total && start + sent * intervalMs <= now) {
        send(start + sent * intervalMs, sent);
        sent++;
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  await Promise.all([...inFlight]);
  const elapsedS = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! : NaN);
  const result: PacedResult = {
    sent,
    ok: latencies.length,
    failed,
    p50: round(at(0.5)),
    p99: round(at(0.99)),
    max: round(latencies[latencies.length - 1] ?? NaN),
    achievedRate: round(sent / elapsedS),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  agent.destroy();
}

const round = (v: number) => Math.round(v * 10) / 10;

if (require.main === module) void main();
