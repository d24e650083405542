import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { JobWorker } from '@mindhill/persistence';
import { RENDER_REPORT_JOB, RenderReportJob } from './render-report.job';

// Runs render-report jobs in the background (two at a time), leased so a crashed render is
// picked up again; stopped before the database pool closes.
@Injectable()
export class RenderReportWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly worker: JobWorker;

  constructor(orm: MikroORM, job: RenderReportJob) {
    this.worker = new JobWorker(orm, {
      kinds: [RENDER_REPORT_JOB],
      handle: (j, lease) => job.run(j, lease),
      concurrency: 2,
      leaseMs: 5 * 60_000,
    });
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  kick(): void {
    this.worker.kick();
  }
}
