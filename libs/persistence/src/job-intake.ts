import { EventStore } from './event-store';
import { claimInboxMany } from './inbox';
import { cancelJobsLater, enqueueForSlots, handOver, NewJob, reserveSlots } from './job-queue';
import { Job } from './job-queue.policy';
import { JobSlot } from './job-queue.worker';

// A worker that takes jobs handed over (JobWorker, through its service's lifecycle).
export type JobIntakeWorker = { reserveSlot(): JobSlot | null; kick(): void };

// Events that each ask a worker for one job (stage requests), a Kafka batch in one transaction:
// one inbox claim and one insert, instead of a transaction per event. A redelivered event is
// absorbed by the inbox and by the job key. As many jobs as the worker has idle loops go in
// already claimed and are handed to those loops after the commit (no NOTIFY, claim or look-up
// round trip before the work starts); the rest wait in the queue for the next free loop.
export async function intakeJobs<E extends { eventId: string }>(
  store: EventStore,
  consumer: string,
  events: readonly E[],
  jobOf: (event: E) => NewJob,
  worker: JobIntakeWorker,
): Promise<{ duplicates: number }> {
  if (events.length === 0) return { duplicates: 0 };
  const slots = reserveSlots(worker, events.length);
  let claimed: Job[] = [];
  try {
    const result = await store.transact(async (tx) => {
      const fresh = await claimInboxMany(
        tx.em,
        consumer,
        events.map((e) => e.eventId),
      );
      // Once per event id, also when a redelivery repeats it within the batch.
      const jobs = events.filter((e) => fresh.delete(e.eventId.toLowerCase())).map(jobOf);
      claimed = await enqueueForSlots(tx, jobs, slots);
      return { duplicates: events.length - jobs.length };
    });
    handOver(slots, claimed);
    return result;
  } finally {
    for (const slot of slots) slot.release();
    // Jobs without a loop wait in the queue; a kick makes the next free loop of this process look.
    if (events.length > slots.length) worker.kick();
  }
}

// Events that each cancel a worker's pending jobs (the end of a run, by key prefix), a batch in
// one transaction: one inbox claim, one update.
export async function cancelJobsOnce<E extends { eventId: string }>(
  store: EventStore,
  consumer: string,
  events: readonly E[],
  keyPrefixOf: (event: E) => string,
): Promise<{ duplicates: number }> {
  if (events.length === 0) return { duplicates: 0 };
  return store.transact(async (tx) => {
    const fresh = await claimInboxMany(
      tx.em,
      consumer,
      events.map((e) => e.eventId),
    );
    const cancel = events.filter((e) => fresh.delete(e.eventId.toLowerCase()));
    cancelJobsLater(tx, cancel.map(keyPrefixOf));
    return { duplicates: events.length - cancel.length };
  });
}
