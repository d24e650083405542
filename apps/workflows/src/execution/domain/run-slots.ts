import { DomainError } from '@mindhill/domain';

// How many runs are in progress now, overall and held by the user this start is charged to
// (the user who starts it; for a scheduled run, the workflow's owner; none for a system run).
export type RunSlots = { running: number; limit: number; holder: number | null; heldByHolder: number; perUserLimit: number };

// Whether one more run may start. The global limit is checked first: when the platform is full,
// nobody's own count matters. The per-user cap keeps one user (or one busy schedule) from
// holding every global slot.
export function decideRunStart(slots: RunSlots): DomainError | null {
  const { running, limit, holder, heldByHolder, perUserLimit } = slots;
  if (running >= limit) {
    return new DomainError(
      'WORKFLOWS.CONCURRENCY_LIMIT',
      `${running} runs are in progress and max_concurrent_workflows is ${limit}: try again when one ends`,
      'conflict',
      { running, limit },
    );
  }
  if (holder !== null && heldByHolder >= perUserLimit) {
    return new DomainError(
      'WORKFLOWS.USER_CONCURRENCY_LIMIT',
      `User ${holder} already has ${heldByHolder} runs in progress and max_concurrent_workflows_per_user is ${perUserLimit}: try again when one ends`,
      'conflict',
      { running: heldByHolder, limit: perUserLimit },
    );
  }
  return null;
}

// Whom a run is charged to: whoever starts it; a scheduled run (started by the system, which has
// no user number) to the workflow's owner.
export function runHolder(by: { userNumber: number | null }, workflow: { ownerNumber: number | null }): number | null {
  return by.userNumber ?? workflow.ownerNumber ?? null;
}
