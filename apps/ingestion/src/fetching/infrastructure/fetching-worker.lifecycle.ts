import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { JobSlot, JobWorker } from '@mindhill/persistence';
import { FETCHING_OPTIONS, FetchingOptions, RunFetchingStageJob } from '../application/run-fetching-stage/run-fetching-stage.job';
import { FETCHING_JOB_KIND } from '../application/run-fetching-stage/run-fetching-stage.schema';

// Runs fetching jobs with a lease (extended while a long fetch reports progress); a worker that
// dies mid-fetch leaves the job to be picked up again when the lease runs out.
@Injectable()
export class FetchingWorkerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly worker: JobWorker;

  constructor(orm: MikroORM, job: RunFetchingStageJob, @Inject(FETCHING_OPTIONS) options: FetchingOptions) {
    this.worker = new JobWorker(orm, {
      kinds: [FETCHING_JOB_KIND],
      handle: (j, lease) => job.run(j, lease),
      leaseMs: options.jobLeaseMs,
      concurrency: 2,
    });
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  // A new request need not wait for the next poll.
  kick(): void {
    this.worker.kick();
  }

  // An idle loop for a request's job, handed over after its commit (JobSlot).
  reserveSlot(): JobSlot | null {
    return this.worker.reserveSlot();
  }
}
