import { randomUUID } from 'node:crypto';
import { Session, workflowBody } from './lib/api';
import { withClient } from './lib/databases';
import { log, percentile, ResultRow, round, sleep, summarize } from './lib/stats';
import { BareServer } from './gateway.bench';

export type LatencyOptions = { gateway: string; session: Session; auditDbUrl: string; rate: number; durationS: number; rounds: number };

type Sample = { correlationId: string; sentAt: number; answeredAt: number };

// Wall-clock milliseconds with sub-millisecond resolution (the audit row's created_at is in
// microseconds, on the same machine's clock).
const nowMs = () => performance.timeOrigin + performance.now();

// Benchmark 2: POST /api/v1/workflows at a fixed rate (about half the maximum sustained write
// rate of benchmark 3), each with its own x-correlation-id; afterwards the audit rows of the
// `workflows.workflow.created` events are looked up by correlation id. Latency = the row's
// created_at - the moment the client had the 201. The bare reference, alternated with it, is
// the round trip of the bare Fastify server at the same rate (the machine's floor right now).
export async function latencyBench(bare: BareServer, options: LatencyOptions): Promise<{ rows: ResultRow[]; details: unknown }> {
  const p50: number[] = [];
  const p99: number[] = [];
  const bareP99: number[] = [];
  const all: number[] = [];
  const eventP99: number[] = [];
  const httpP99: number[] = [];
  for (let r = 1; r <= options.rounds; r++) {
    const bareSamples = await drive(options.rate, options.durationS, async () => {
      const res = await fetch(`${bare.url}/hello`);
      await res.arrayBuffer();
    });
    const roundTrips = bareSamples.map((s) => s.answeredAt - s.sentAt);
    bareP99.push(percentile(roundTrips, 99));

    const samples = await drive(options.rate, options.durationS, async (correlationId) => {
      const res = await fetch(`${options.gateway}/api/v1/workflows`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${options.session.token}`,
          'x-correlation-id': correlationId,
        },
        body: JSON.stringify(workflowBody(`latency ${correlationId}`)),
      });
      await res.arrayBuffer();
      if (res.status !== 201) throw new Error(`POST /api/v1/workflows answered ${res.status}`);
    });
    const legs = await auditLatencies(options.auditDbUrl, samples);
    const latencies = legs.fromResponse;
    eventP99.push(percentile(legs.fromEvent, 99));
    httpP99.push(percentile(legs.httpMs, 99));
    p50.push(percentile(latencies, 50));
    p99.push(percentile(latencies, 99));
    all.push(...latencies);
    log(
      `latency: round ${r} ${samples.length} commands at ${options.rate}/s: response -> audit row p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms; event occurred -> audit row p99 ${eventP99.at(-1)!.toFixed(1)} ms; HTTP p99 ${httpP99.at(-1)!.toFixed(1)} ms (bare round trip p99 ${percentile(roundTrips, 99).toFixed(1)} ms)`,
    );
  }
  const p99s = summarize(p99.map((v) => round(v, 1)));
  return {
    rows: [
      {
        benchmark: '2. command -> audit',
        metric: `p50, POST /api/v1/workflows at ${options.rate}/s`,
        unit: 'ms',
        value: summarize(p50.map((v) => round(v, 1))),
      },
      {
        benchmark: '2. command -> audit',
        metric: `p99, POST /api/v1/workflows at ${options.rate}/s`,
        unit: 'ms',
        value: p99s,
        baseline: summarize(bareP99.map((v) => round(v, 1))),
        target: 'p99 <= 100 ms',
        met: p99s.median <= 100,
        note: 'baseline = bare Fastify round-trip p99 at the same rate (the floor of this machine right now)',
      },
    ],
    details: {
      eventToRowP99: eventP99,
      httpP99,
      rate: options.rate,
      durationS: options.durationS,
      p50,
      p99,
      bareP99,
      pooledP50: percentile(all, 50),
      pooledP99: percentile(all, 99),
      samples: all.length,
    },
  };
}

// Sends at a fixed rate (open loop: a slow answer does not delay the next request).
async function drive(rate: number, durationS: number, send: (correlationId: string) => Promise<void>): Promise<Sample[]> {
  const total = Math.round(rate * durationS);
  const started = performance.now();
  const pending: Promise<Sample>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const correlationId = `bench-${randomUUID()}`;
    const sentAt = nowMs();
    pending.push(send(correlationId).then(() => ({ correlationId, sentAt, answeredAt: nowMs() })));
  }
  return Promise.all(pending);
}

async function auditLatencies(url: string, samples: Sample[]): Promise<{ fromResponse: number[]; fromEvent: number[]; httpMs: number[] }> {
  const ids = samples.map((s) => s.correlationId);
  const deadline = performance.now() + 30_000;
  return withClient(url, async (client) => {
    for (;;) {
      const { rows } = await client.query<{ correlation_id: string; at: string; occurred: string }>(
        `SELECT correlation_id, extract(epoch FROM created_at) * 1000 AS at, extract(epoch FROM timestamp) * 1000 AS occurred FROM audit_logs
          WHERE event_type = 'workflows.workflow.created' AND correlation_id = ANY($1)`,
        [ids],
      );
      if (rows.length >= ids.length || performance.now() > deadline) {
        if (rows.length < ids.length) throw new Error(`only ${rows.length}/${ids.length} audit rows after 30 s`);
        const byId = new Map(rows.map((r) => [r.correlation_id, { at: Number(r.at), occurred: Number(r.occurred) }]));
        return {
          fromResponse: samples.map((s) => byId.get(s.correlationId)!.at - s.answeredAt),
          // The event's occurredAt is taken inside the command's transaction: this leg covers
          // commit, outbox relay, Kafka, the audit consumer and its insert.
          fromEvent: samples.map((s) => byId.get(s.correlationId)!.at - byId.get(s.correlationId)!.occurred),
          httpMs: samples.map((s) => s.answeredAt - s.sentAt),
        };
      }
      await sleep(200);
    }
  });
}
