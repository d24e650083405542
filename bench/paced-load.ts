import http from 'node:http';
import { sendPaced } from './lib/pacing';

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
  const send = (dueAt: number, n: number) => {
    const body = o.bodyTemplate?.replaceAll('{{n}}', `${process.pid}-${n}`);
    return new Promise<void>((resolve) => {
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
  };
  const { sent, elapsedS } = await sendPaced(o.rate, o.durationS, send);
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
