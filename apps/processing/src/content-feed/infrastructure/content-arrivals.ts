import { Injectable } from '@nestjs/common';

// In-process signal from the content feed to stage jobs waiting for their input: a stage job
// that finds its execution's content still arriving waits for the next committed feed batch
// (or a poll interval) instead of going back to the queue for a fixed delay. Only a hint: with
// several replicas the feed may commit elsewhere, and the job polls the read model regardless.
@Injectable()
export class ContentArrivals {
  private readonly waiters = new Map<string, Set<() => void>>();

  notify(executionIds: Iterable<string>): void {
    for (const id of executionIds) {
      const set = this.waiters.get(id);
      if (!set) continue;
      this.waiters.delete(id);
      for (const wake of set) wake();
    }
  }

  // Resolves at the next notification for the execution, or after `ms`.
  next(executionId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiters.get(executionId) ?? new Set<() => void>();
      const wake = () => {
        clearTimeout(timer);
        set.delete(wake);
        if (set.size === 0 && this.waiters.get(executionId) === set) this.waiters.delete(executionId);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      set.add(wake);
      this.waiters.set(executionId, set);
    });
  }
}
