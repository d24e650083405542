import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { EventStore, JobSlot, JobWorker } from '@mindhill/persistence';
import { ContentArrivals } from '../../content-feed/infrastructure/content-arrivals';
import { RunStageJob } from '../application/run-stage/run-stage.job';
import { STAGE_JOB_KIND } from '../application/run-stage/run-stage.schema';
import { ContentStoreReader } from './content-store.reader';
import { StageInputReader } from './stage-input.reader';

export const STAGE_WORKER_OPTIONS = Symbol('STAGE_WORKER_OPTIONS');
export type StageWorkerOptions = {
  contentStoreDir: string;
  inputPollMs: number;
  concurrency: number;
  maxItemBytes: number;
  progressEveryMs: number;
};

// Runs the stage jobs while the app is up; stopped before the backbone closes the database.
@Injectable()
export class StageWorkerLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly worker: JobWorker;

  constructor(orm: MikroORM, events: EventStore, arrivals: ContentArrivals, @Inject(STAGE_WORKER_OPTIONS) options: StageWorkerOptions) {
    const job = new RunStageJob(
      orm,
      events,
      new ContentStoreReader(options.contentStoreDir),
      new StageInputReader(),
      { inputPollMs: options.inputPollMs, maxItemBytes: options.maxItemBytes, progressEveryMs: options.progressEveryMs },
      arrivals,
    );
    this.worker = new JobWorker(orm, {
      kinds: [STAGE_JOB_KIND],
      handle: (j, lease) => job.handle(j, lease),
      concurrency: options.concurrency,
      leaseMs: 60_000,
    });
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  // A new request need not wait for the next poll.
  kick(): void {
    this.worker.kick();
  }

  // An idle loop for a request's job, handed over after its commit (JobSlot).
  reserveSlot(): JobSlot | null {
    return this.worker.reserveSlot();
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker.stop();
  }
}
