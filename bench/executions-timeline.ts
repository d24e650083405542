import { withClient } from './lib/databases';
import { percentile, round } from './lib/stats';

// Where the time of a two-stage run (fetching at ingestion -> normalization at processing) goes,
// from the timestamps the services themselves record: the workflows stream's events
// (stored_event.occurred_at), each worker's job row (job.created_at: the stage request has
// arrived and become a durable job) and each worker's stage-completed event.
export type Databases = { workflows: string; ingestion: string; processing: string };
export type Hop = { name: string; p50: number; p99: number; n: number };

const HOPS: [name: string, from: string, to: string][] = [
  ['trigger -> execution created (gateway, command)', 'trigger', 'created'],
  ['created -> stage 1 requested', 'created', 'requested1'],
  ['stage 1 requested -> ingestion job (relay, Kafka, consumer)', 'requested1', 'job1'],
  ['ingestion job -> fetch completed (job pick-up, work)', 'job1', 'done1'],
  ['fetch completed -> workflows records it (relay, Kafka, consumer)', 'done1', 'recorded1'],
  ['stage 1 recorded -> stage 2 requested', 'recorded1', 'requested2'],
  ['stage 2 requested -> processing job (relay, Kafka, consumer)', 'requested2', 'job2'],
  ['processing job -> normalization completed (job pick-up, work)', 'job2', 'done2'],
  ['normalization completed -> workflows records it', 'done2', 'recorded2'],
  ['stage 2 recorded -> finished', 'recorded2', 'finished'],
  // The hand-off the issue names: a stage completed -> the next stage's worker has it.
  ['HAND-OFF fetch completed -> normalization job at processing', 'done1', 'job2'],
  ['HAND-OFF fetch completed -> stage 2 requested', 'done1', 'requested2'],
];

// hops: p50/p99 of each segment; duplicates: stages completed more than once (by a worker or in
// the workflows stream), which must stay 0 whatever the replicas do.
export async function executionTimeline(
  dbs: Databases,
  triggers: ReadonlyMap<string, number>,
): Promise<{ hops: Hop[]; duplicates: number }> {
  const ids = [...triggers.keys()];
  const marks = new Map<string, Record<string, number>>(ids.map((id) => [id, { trigger: triggers.get(id)! }]));
  let duplicates = 0;
  const put = (id: string, mark: string, t: number) => {
    const m = marks.get(id);
    if (m && m[mark] === undefined) m[mark] = t;
    else if (m && /^(recorded|done)/.test(mark)) duplicates++;
  };
  await withClient(dbs.workflows, async (c) => {
    const { rows } = await c.query<{ id: string; type: string; stage: number | null; t: number }>(
      `SELECT payload->>'executionId' AS id, type, (payload->>'stageOrder')::int AS stage,
              extract(epoch FROM occurred_at) * 1000 AS t
         FROM stored_event
        WHERE payload->>'executionId' = ANY($1::text[])
          AND type IN ('workflows.execution.created', 'workflows.execution.stage-requested',
                       'workflows.execution.stage-completed', 'workflows.execution.finished')
        ORDER BY position`,
      [ids],
    );
    for (const r of rows) {
      const t = Number(r.t);
      if (r.type.endsWith('.created')) put(r.id, 'created', t);
      else if (r.type.endsWith('.stage-requested')) put(r.id, `requested${r.stage}`, t);
      else if (r.type.endsWith('.stage-completed')) put(r.id, `recorded${r.stage}`, t);
      else put(r.id, 'finished', t);
    }
  });
  for (const [db, stage] of [
    [dbs.ingestion, 1],
    [dbs.processing, 2],
  ] as const) {
    await withClient(db, async (c) => {
      const jobs = await c.query<{ key: string; t: number }>(
        `SELECT job_key AS key, extract(epoch FROM created_at) * 1000 AS t FROM job WHERE job_key LIKE 'stage:%'`,
      );
      for (const j of jobs.rows) {
        const [, id, order] = j.key.split(':');
        if (Number(order) === stage) put(id!, `job${stage}`, Number(j.t));
      }
      const done = await c.query<{ id: string; stage: number; t: number }>(
        `SELECT payload->>'executionId' AS id, (payload->>'stageOrder')::int AS stage, extract(epoch FROM occurred_at) * 1000 AS t
           FROM stored_event WHERE type LIKE '%.stage.completed' AND payload->>'executionId' = ANY($1::text[])`,
        [ids],
      );
      for (const d of done.rows) if (d.stage === stage) put(d.id, `done${stage}`, Number(d.t));
    });
  }
  const hops = HOPS.map(([name, from, to]) => {
    const values = [...marks.values()].filter((m) => m[from] !== undefined && m[to] !== undefined).map((m) => m[to]! - m[from]!);
    return { name, p50: round(percentile(values, 50), 1), p99: round(percentile(values, 99), 1), n: values.length };
  });
  return { hops, duplicates };
}
