import { EntityManager } from '@mikro-orm/postgresql';
import { executionFinished, NewEvent, streamIds } from '@mindhill/contracts';
import { EventContext, EventTransaction } from '@mindhill/persistence';
import { isUuid, Who } from '@mindhill/platform';
import { Workflow } from '../../workflow/domain/workflow.state';
import {
  toWorkflowState,
  visibleWorkflow,
  WORKFLOW_STATE_SELECT,
  workflowNotFound,
  WorkflowStateRow,
} from '../../workflow/infrastructure/workflow.read-model';
import { RunSlots, WaitingRun } from '../domain/run-slots';
import { Execution } from '../domain/execution.state';
import { planExecutionTimers } from './execution-timers.store';
import {
  EXECUTION_SELECT,
  ExecutionRow,
  executionNotFound,
  findExecutionForDecision,
  findExecutionsForDecision,
  stagesOf,
  toExecutionState,
  toExecutionView,
  visibleExecution,
} from './execution.read-model';

// Loading an execution's state for a decision and appending what was decided, on its stream.

type Loaded = { version: number; state: Execution | null };

// The state and its stream's version from one snapshot (findExecutionForDecision): a change
// committed after it fails the append, and the command runs again. Stream ids use the uuid as
// PostgreSQL writes it (lower case).
export async function findExecutionState(tx: EventTransaction, executionId: string): Promise<Loaded> {
  const streamId = streamIds.execution(executionId.toLowerCase());
  const { version, row, stages } = await findExecutionForDecision(tx.em, executionId, streamId);
  // No execution: the version of a stream without a row (none, unless events outran it).
  if (!row) return { version: await tx.streamVersion(streamId), state: null };
  return { version, state: toExecutionState(row, stages) };
}

// The same, for work on an execution the caller may see (WORKFLOWS.EXECUTION_NOT_FOUND otherwise).
export async function loadExecution(tx: EventTransaction, executionId: string, who: Who): Promise<{ version: number; state: Execution }> {
  const { version, row, stages } = await findExecutionForDecision(tx.em, executionId, streamIds.execution(executionId.toLowerCase()));
  if (!row) throw executionNotFound(executionId);
  return { version, state: toExecutionState(visibleExecution(row, who), stages) };
}

// Appends what was decided and plans the timers it calls for, in the same transaction and, when
// nothing needs an answer in between, in one message.
export async function appendExecution(
  tx: EventTransaction,
  executionId: string,
  version: number,
  events: NewEvent[],
  context: EventContext,
): Promise<void> {
  await appendExecutions(tx, [{ executionId, version, events, context }]);
  // The caller reads on through tx.em: what waits goes now.
  await tx.flush();
}

export type ExecutionDecision = { executionId: string; version: number; events: NewEvent[]; context: EventContext };

// Several executions' decisions (a batch of stage outcomes, one per execution): their appends and
// timers are sent with the transaction's next statement (EventTransaction.appendLater).
export async function appendExecutions(tx: EventTransaction, decisions: readonly ExecutionDecision[]): Promise<void> {
  // A run that ends frees its slot: the run-slot lock first, as starts and admissions take it
  // (before any workflow row), so the timers' look for waiting runs cannot miss a run that a
  // concurrent start is making wait. Sent ahead of the appends, in the same message.
  if (decisions.some((d) => d.events.some((e) => e.definition === executionFinished))) tx.later(RUN_SLOT_LOCK);
  for (const d of decisions) await tx.appendLater(streamIds.execution(d.executionId.toLowerCase()), d.version, d.events, d.context);
  planExecutionTimers(
    tx,
    decisions.flatMap((d) => d.events),
  );
}

// The states of several executions and their streams' versions in one statement (a batch of
// stage outcomes); an execution without a row has the version of its stream, if any.
export async function findExecutionStates(tx: EventTransaction, executionIds: readonly string[]): Promise<Map<string, Loaded>> {
  const found = await findExecutionsForDecision(tx, executionIds);
  const states = new Map<string, Loaded>();
  for (const key of new Set(executionIds.map((id) => id.toLowerCase()))) {
    const one = found.get(key);
    states.set(
      key,
      one
        ? { version: one.version, state: toExecutionState(one.row, one.stages) }
        : { version: await tx.streamVersion(streamIds.execution(key)), state: null },
    );
  }
  return states;
}

// The workflow a run is started from, locked: starts of one workflow are serialised, so its
// run numbers are too. The lock and the read travel in one message (the read's snapshot is taken
// after the lock is held).
export async function lockWorkflowToRun(tx: EventTransaction, workflowId: string, who: Who): Promise<Workflow> {
  if (!isUuid(workflowId)) throw workflowNotFound(workflowId);
  tx.later('SELECT id FROM workflows WHERE uuid = ? FOR UPDATE', [workflowId]);
  const [row] = await tx.execute<WorkflowStateRow>(`${WORKFLOW_STATE_SELECT} WHERE w.uuid = ?`, [workflowId]);
  if (!row) throw workflowNotFound(workflowId);
  return toWorkflowState(visibleWorkflow(row, who));
}

// Serialises everything that fills or frees run slots, until the transaction ends.
const RUN_SLOT_LOCK = `SELECT pg_advisory_xact_lock(hashtext('mindhill.workflows.run-slots'))`;

// The runs in progress (overall and per holder: whoever started it, else the workflow's owner)
// and the runs waiting for a slot. Starts and admissions take a transaction-scoped lock first, so
// two of them cannot both take the last slot, and numbers are taken in arrival order.
export async function lockRunSlots(tx: EventTransaction, limits: Pick<RunSlots, 'limit' | 'perUserLimit'>): Promise<RunSlots> {
  tx.later(RUN_SLOT_LOCK);
  // After the lock, in a statement of its own though in the same message (each statement takes its
  // snapshot when it starts, so this one sees what the lock's last holder committed): the runs in
  // progress per holder and the waiting runs in queue order, in one answer.
  const rows = await tx.execute<{
    kind: 'held' | 'waiting';
    holder: number | null;
    running: number | null;
    uuid: string | null;
    priority: number | null;
    id: number | null;
  }>(
    `SELECT * FROM (
       SELECT 'held' AS kind, COALESCE(e.trigger_user_id, w.created_by) AS holder, count(*)::int AS running,
              NULL::uuid AS uuid, NULL::int AS priority, NULL::int AS id
       FROM workflow_executions e JOIN workflows w ON w.id = e.workflow_id
       WHERE e.status = 'InProgress' GROUP BY 2
       UNION ALL
       SELECT 'waiting', COALESCE(e.trigger_user_id, w.created_by), NULL, e.uuid, e.priority, e.id
       FROM workflow_executions e JOIN workflows w ON w.id = e.workflow_id
       WHERE e.status = 'Created') r
     ORDER BY kind, priority DESC, id`,
  );
  const held = rows.filter((r) => r.kind === 'held').map((r) => ({ holder: r.holder, running: r.running! }));
  const waiting = rows
    .filter((r) => r.kind === 'waiting')
    .map((r) => ({ uuid: r.uuid!, priority: r.priority!, id: r.id!, holder: r.holder }));
  const heldBy: Record<number, number> = {};
  for (const row of held) if (row.holder !== null) heldBy[row.holder] = row.running;
  return {
    running: held.reduce((sum, row) => sum + row.running, 0),
    heldBy,
    ...limits,
    waiting: waiting.map((w): WaitingRun => ({ executionId: w.uuid, priority: w.priority, number: w.id, holder: w.holder })),
  };
}

// The next run number of the workflow and a new execution number.
export async function nextExecutionNumbers(em: EntityManager, workflowNumber: number) {
  // One round trip for both (the workflow row is locked: run numbers are taken in turn).
  const [row] = await em.execute<{ next: number; id: string }[]>(
    `SELECT (SELECT COALESCE(max(run_number), 0) + 1 FROM workflow_executions WHERE workflow_id = ?) AS next,
            nextval('workflow_executions_id_seq') AS id`,
    [workflowNumber],
  );
  return { runNumber: Number(row!.next), executionNumber: Number(row!.id) };
}

// The API's view of an execution, with its stages, as the transaction sees it (what the
// transaction holds back travels with the first read).
export async function executionView(tx: EventTransaction, executionId: string) {
  const [row] = isUuid(executionId) ? await tx.execute<ExecutionRow>(`${EXECUTION_SELECT} WHERE e.uuid = ?`, [executionId]) : [];
  if (!row) throw executionNotFound(executionId);
  return toExecutionView(row, await stagesOf(tx.em, row.id));
}
