import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { JobWorker } from '@mindhill/persistence';
import { FETCHING_JOB_KIND, FETCHING_OPTIONS, FetchingOptions, RunFetchingStageHandler } from './run-fetching-stage.handler';

// Runs fetching jobs with a lease (extended while a long fetch reports progress); a worker that
// dies mid-fetch leaves the job to be picked up again when the lease runs out.
@Injectable()
export class FetchingStageWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly worker: JobWorker;

  constructor(orm: MikroORM, handler: RunFetchingStageHandler, @Inject(FETCHING_OPTIONS) options: FetchingOptions) {
    this.worker = new JobWorker(orm, {
      kinds: [FETCHING_JOB_KIND],
      handle: (job, lease) => handler.run(job, lease),
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

  kick(): void {
    this.worker.kick();
  }
}
