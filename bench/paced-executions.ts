import http from 'node:http';
import { sendPaced } from './lib/pacing';

// Open-loop sender of executions: POST /api/v1/workflows/:id/executions at an even rate, each
// request leaving on its own schedule whatever the answers do (bench/paced-load.ts's scheme),
// and reports, for every run it started, its id and the wall-clock time the request was due
// (the trigger time the benchmark measures trigger→Success from, so a slow gateway is counted).
// Usage: node dist/bench/paced-executions.js '<json PacedExecutionsOptions>'; prints one JSON line.
export type PacedExecutionsOptions = { url: string; token: string; rate: number; durationS: number; connections: number };
export type PacedExecutionsResult = {
  runs: { id: string; dueAt: number }[];
  sent: number;
  failed: number;
  errors: string[];
  achievedRate: number;
};

async function main(): Promise<void> {
  const o = JSON.parse(process.argv[2] ?? '{}') as PacedExecutionsOptions;
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const body = JSON.stringify({ triggeredBy: 'api' });
  const runs: PacedExecutionsResult['runs'] = [];
  const errors: string[] = [];
  let failed = 0;
  const send = (dueAt: number) =>
    new Promise<void>((resolve) => {
      const req = http.request(
        o.url,
        {
          method: 'POST',
          agent,
          headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode && res.statusCode < 300) runs.push({ id: (JSON.parse(text) as { id: string }).id, dueAt });
            else {
              failed++;
              if (errors.length < 5) errors.push(`${res.statusCode}: ${text.slice(0, 200)}`);
            }
            resolve();
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', (error) => {
        failed++;
        if (errors.length < 5) errors.push(error.message);
        resolve();
      });
      req.end(body);
    });
  // The trigger time is wall-clock: due on performance.now()'s clock, moved to its origin.
  const { sent, sendingS } = await sendPaced(o.rate, o.durationS, (due) => send(performance.timeOrigin + due));
  const result: PacedExecutionsResult = { runs, sent, failed, errors, achievedRate: Math.round((sent / sendingS) * 10) / 10 };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  agent.destroy();
}

if (require.main === module) void main();
