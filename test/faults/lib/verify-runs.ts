import { RunStart } from './load';
import { Observer } from './observer';

// Jepsen-style check of the runs the load started, after the settle window:
//  lost        — acknowledged (202), but no workflow_executions row with that id
//  stuck       — acknowledged, present, still Created/InProgress: the run will never end (lost work)
//  failed      — acknowledged, ended but not in Success (Failed/Timeout/Cancelled)
//  duplicated  — more than one row or creation event for one run
//  unexpected  — an execution of the workflow that matches no acknowledged run and no indeterminate
//                request's correlation id; or a rejected request whose correlation id made one
// A request that ended indeterminate may or may not have made an execution: either is fine.
// Stage work done twice is counted over all executions: per (execution, stage, attempt) at most one
// answer on the worker's stage stream, one history record (ingestion fetching_history / processing
// processing_history and their events), one stage request and one stage outcome on the execution's
// stream, and per execution one creation and one finish.
export type RunTally = {
  sent: number;
  acked: number;
  indeterminate: number;
  rejected: number;
  success: number;
  lost: number;
  stuck: number;
  failed: number;
  duplicated: number;
  unexpected: number;
};
export type RunsVerdict = {
  total: RunTally;
  byPhase: Map<string, RunTally>;
  stageTwice: { check: string; count: number }[];
  retriedStages: number; // stage attempts > 1 (a retry after a timeout is allowed; noted)
  failures: Map<string, number>; // error code -> runs
  details: string[];
  examples: string[];
};
export const emptyRunTally = (): RunTally => ({
  sent: 0,
  acked: 0,
  indeterminate: 0,
  rejected: 0,
  success: 0,
  lost: 0,
  stuck: 0,
  failed: 0,
  duplicated: 0,
  unexpected: 0,
});

// Each query lists the keys that appear more than once: work done twice for one attempt.
const TWICE: { check: string; service: string; sql: string }[] = [
  {
    check: 'ingestion: stage stream answered twice',
    service: 'ingestion',
    sql: `SELECT stream_id AS key FROM stored_event WHERE type IN ('ingestion.stage.completed', 'ingestion.stage.failed') GROUP BY stream_id HAVING count(*) > 1`,
  },
  {
    check: 'ingestion: fetching.recorded twice for one attempt',
    service: 'ingestion',
    sql: `SELECT concat_ws('/', payload->>'executionId', payload->>'stageOrder', payload->>'attempt') AS key FROM stored_event
          WHERE type = 'ingestion.fetching.recorded' AND payload->>'executionId' IS NOT NULL GROUP BY 1 HAVING count(*) > 1`,
  },
  {
    check: 'ingestion: fetching_history rows twice for one attempt',
    service: 'ingestion',
    sql: `SELECT concat_ws('/', execution_id, stage_order, attempt) AS key FROM fetching_history WHERE execution_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1`,
  },
  {
    check: 'processing: stage stream answered twice',
    service: 'processing',
    sql: `SELECT stream_id AS key FROM stored_event WHERE type IN ('processing.stage.completed', 'processing.stage.failed') GROUP BY stream_id HAVING count(*) > 1`,
  },
  {
    check: 'processing: history.recorded twice for one attempt',
    service: 'processing',
    sql: `SELECT concat_ws('/', payload->>'executionId', payload->>'stageOrder', payload->>'attempt') AS key FROM stored_event
          WHERE type = 'processing.history.recorded' GROUP BY 1 HAVING count(*) > 1`,
  },
  {
    check: 'processing: processing_history rows twice for one attempt',
    service: 'processing',
    sql: `SELECT concat_ws('/', execution_uuid, stage_order, attempt) AS key FROM processing_history GROUP BY 1 HAVING count(*) > 1`,
  },
  {
    check: 'processing: content.processed twice for one (execution, content, stage)',
    service: 'processing',
    sql: `SELECT concat_ws('/', payload->>'executionId', payload->>'contentId', payload->>'stageOrder') AS key FROM stored_event
          WHERE type = 'processing.content.processed' GROUP BY 1 HAVING count(*) > 1`,
  },
  {
    check: 'workflows: stage requested twice for one attempt',
    service: 'workflows',
    sql: `SELECT concat_ws('/', stream_id, payload->>'stageOrder', payload->>'attempt') AS key FROM stored_event
          WHERE type = 'workflows.execution.stage-requested' GROUP BY 1 HAVING count(*) > 1`,
  },
  {
    check: 'workflows: stage outcome recorded twice for one attempt',
    service: 'workflows',
    sql: `SELECT concat_ws('/', stream_id, payload->>'stageOrder', payload->>'attempt') AS key FROM stored_event
          WHERE type IN ('workflows.execution.stage-completed', 'workflows.execution.stage-failed') GROUP BY 1 HAVING count(*) > 1`,
  },
  {
    check: 'workflows: execution finished twice',
    service: 'workflows',
    sql: `SELECT stream_id AS key FROM stored_event WHERE type = 'workflows.execution.finished' GROUP BY stream_id HAVING count(*) > 1`,
  },
];

export async function verifyRuns(observer: Observer, runs: RunStart[], workflowId: string): Promise<RunsVerdict> {
  const byPhase = new Map<string, RunTally>();
  const tally = (phase: string) => {
    let t = byPhase.get(phase);
    if (!t) byPhase.set(phase, (t = emptyRunTally()));
    return t;
  };
  const examples: string[] = [];
  const example = (s: string) => examples.length < 30 && examples.push(s);

  const rows = await observer.query<{ id: string; status: string; error_code: string | null }>(
    'workflows',
    `SELECT e.uuid::text AS id, e.status, e.error_code FROM workflow_executions e JOIN workflows w ON w.id = e.workflow_id WHERE w.uuid = $1`,
    [workflowId],
  );
  const created = await observer.query<{ id: string; correlation: string | null }>(
    'workflows',
    `SELECT substring(stream_id FROM 11) AS id, metadata->>'correlationId' AS correlation FROM stored_event
     WHERE type = 'workflows.execution.created' AND payload->>'workflowId' = $1`,
    [workflowId],
  );
  const rowsById = new Map<string, typeof rows>();
  for (const r of rows) rowsById.set(r.id, [...(rowsById.get(r.id) ?? []), r]);
  const creationsById = new Map<string, number>();
  const correlationOf = new Map<string, string | null>();
  for (const c of created) {
    creationsById.set(c.id, (creationsById.get(c.id) ?? 0) + 1);
    correlationOf.set(c.id, c.correlation);
  }
  const failures = new Map<string, number>();
  const acked = new Set<string>();
  for (const run of runs) {
    const t = tally(run.phase);
    t.sent++;
    if (run.outcome === 'ack') t.acked++;
    else if (run.outcome === 'rejected') t.rejected++;
    else t.indeterminate++;
    if (run.outcome !== 'ack') continue;
    acked.add(run.id!);
    const mine = rowsById.get(run.id!) ?? [];
    if (mine.length === 0) {
      t.lost++;
      example(`lost run ${run.id} (correlation ${run.correlationId}): no workflow_executions row [${run.phase}]`);
      continue;
    }
    if (mine.length > 1 || (creationsById.get(run.id!) ?? 0) > 1) {
      t.duplicated++;
      example(`duplicated run ${run.id}: ${mine.length} rows, ${creationsById.get(run.id!) ?? 0} creation events [${run.phase}]`);
    }
    const status = mine[0]!.status;
    if (status === 'Success') t.success++;
    else if (status === 'Created' || status === 'InProgress') {
      t.stuck++;
      example(`stuck run ${run.id}: still ${status} after the settle window [${run.phase}]`);
    } else {
      t.failed++;
      const code = `${status} ${mine[0]!.error_code ?? ''}`.trim();
      failures.set(code, (failures.get(code) ?? 0) + 1);
      example(`run ${run.id} ended ${code} [${run.phase}]`);
    }
  }
  // Executions nobody was told about: allowed only for an indeterminate request (same correlation id).
  const byCorrelation = new Map(runs.map((r) => [r.correlationId, r]));
  let fromIndeterminate = 0;
  for (const id of rowsById.keys()) {
    if (acked.has(id)) continue;
    const run = byCorrelation.get(correlationOf.get(id) ?? '');
    if (run && run.outcome !== 'ack' && run.outcome !== 'rejected') {
      fromIndeterminate++;
      continue;
    }
    tally(run?.phase ?? '(no run)').unexpected++;
    example(
      `unexpected execution ${id}: ${run ? `its request was ${run.outcome} (${run.status})` : 'no request carries its correlation id'}`,
    );
  }

  const stageTwice: RunsVerdict['stageTwice'] = [];
  for (const q of TWICE) {
    const keys = await observer.query<{ key: string }>(q.service, q.sql);
    stageTwice.push({ check: q.check, count: keys.length });
    for (const k of keys.slice(0, 3)) example(`${q.check}: ${k.key}`);
  }
  const [retried] = await observer.query<{ n: string }>(
    'workflows',
    `SELECT count(*) AS n FROM stored_event WHERE type = 'workflows.execution.stage-requested' AND (payload->>'attempt')::int > 1`,
  );

  const total = emptyRunTally();
  for (const t of byPhase.values()) for (const k of Object.keys(total) as (keyof RunTally)[]) total[k] += t[k];
  const details = [
    `${runs.length} runs sent, ${total.acked} acknowledged; ${rows.length} executions of the runnable workflow; ${total.success} acknowledged runs in Success`,
    `executions made by an indeterminate request (allowed): ${fromIndeterminate}; stage attempts > 1 (retries): ${Number(retried?.n ?? 0)}`,
    `work done twice for one attempt: ${stageTwice.reduce((s, c) => s + c.count, 0)} (${stageTwice.length} checks over ingestion, processing, workflows)`,
    ...[...failures].map(([code, n]) => `runs ended ${code}: ${n}`),
    ...examples.map((e) => `  e.g. ${e}`),
  ];
  return { total, byPhase, stageTwice, retriedStages: Number(retried?.n ?? 0), failures, details, examples };
}
