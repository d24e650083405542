import { DomainError } from '@mindhill/domain';

// A run's priority: -100 (lowest) to 100 (highest), 0 when not given (the seed's DEFAULT 0).
export const DEFAULT_PRIORITY = 0;
export const MIN_PRIORITY = -100;
export const MAX_PRIORITY = 100;

// How many runs one user (or, for runs charged to nobody, the system) may have waiting for a
// slot: the queue is bounded, so nobody can fill the database with waiting runs.
export const MAX_WAITING_RUNS_PER_HOLDER = 50;

// A run created but waiting for a slot (status Created). `number` is the execution number, taken
// in creation order under the run-slot lock: it orders runs of one priority first in, first out.
export type WaitingRun = { executionId: string; priority: number; number: number; holder: number | null };

// The run slots now: runs in progress overall and per holder, the limits of the moment
// (max_concurrent_workflows and max_concurrent_workflows_per_user) and the runs waiting.
export type RunSlots = {
  running: number;
  heldBy: Readonly<Record<number, number>>;
  limit: number;
  perUserLimit: number;
  waiting: readonly WaitingRun[];
};

// Whom a run is charged to: whoever starts it; a scheduled run (started by the system, which has
// no user number) to the workflow's owner.
export function runHolder(by: { userNumber: number | null }, workflow: { ownerNumber: number | null }): number | null {
  return by.userNumber ?? workflow.ownerNumber ?? null;
}

// The order in which waiting runs get a slot: highest priority first, then first come.
export function byAdmissionOrder(a: WaitingRun, b: WaitingRun): number {
  return b.priority - a.priority || a.number - b.number;
}

// Which waiting runs start now, in the order they start. While a global slot is free the next
// run in admission order starts, unless its holder already holds max_concurrent_workflows_per_user
// runs: then it keeps its place and the next one is considered (a user at their cap does not
// hold back everybody else). A run charged to nobody meets only the global limit.
export function runsToAdmit(slots: RunSlots): WaitingRun[] {
  let running = slots.running;
  const held = new Map<number, number>(Object.entries(slots.heldBy).map(([holder, n]) => [Number(holder), n]));
  const admitted: WaitingRun[] = [];
  for (const run of [...slots.waiting].sort(byAdmissionOrder)) {
    if (running >= slots.limit) break;
    if (run.holder !== null && (held.get(run.holder) ?? 0) >= slots.perUserLimit) continue;
    admitted.push(run);
    running++;
    if (run.holder !== null) held.set(run.holder, (held.get(run.holder) ?? 0) + 1);
  }
  return admitted;
}

// A run that cannot start at once waits, unless its holder already has the most runs waiting.
export function assertRoomToWait(slots: RunSlots, holder: number | null): void {
  const waiting = slots.waiting.filter((w) => w.holder === holder).length;
  if (waiting >= MAX_WAITING_RUNS_PER_HOLDER) {
    throw new DomainError(
      'WORKFLOWS.RUN_QUEUE_FULL',
      `${waiting} runs are already waiting for a slot (at most ${MAX_WAITING_RUNS_PER_HOLDER}): try again when some have started`,
      'conflict',
      { waiting, limit: MAX_WAITING_RUNS_PER_HOLDER },
    );
  }
}
