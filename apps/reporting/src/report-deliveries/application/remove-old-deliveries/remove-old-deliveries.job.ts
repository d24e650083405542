import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { completeJob, enqueueDailyJob, Job, JobWorker } from '@mindhill/persistence';
import { systemContext } from '@mindhill/platform';
import { DELIVERY_SETTINGS, DeliverySettings } from '../../infrastructure/delivery-settings';
import { RemoveOldDeliveriesHandler } from './remove-old-deliveries.handler';

export const DELIVERY_RETENTION_JOB = 'report-delivery-retention';

// Job: the daily removal of old deliveries at REPORT_DELIVERY_RETENTION_HOUR_UTC. Planned at start
// (once per day whatever the number of replicas, keyed by date); each run plans the next.
@Injectable()
export class RemoveOldDeliveriesJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly worker: JobWorker;

  constructor(
    private readonly orm: MikroORM,
    private readonly removeOldDeliveries: RemoveOldDeliveriesHandler,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
  ) {
    this.worker = new JobWorker(orm, {
      kinds: [DELIVERY_RETENTION_JOB],
      handle: (job) => this.run(job),
      pollMs: 60_000,
      leaseMs: 10 * 60_000,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.orm.em.fork().transactional((em) => this.scheduleNext(em));
    this.worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  // Removal is idempotent (only rows past the cutoff): run, then complete and plan the next day.
  async run(job: Job): Promise<void> {
    await this.removeOldDeliveries.apply(false, this.settings.retentionDays, systemContext());
    await this.orm.em.fork().transactional(async (em) => {
      await completeJob(em, job.id);
      await this.scheduleNext(em);
    });
  }

  private scheduleNext(em: EntityManager): Promise<void> {
    return enqueueDailyJob(em, DELIVERY_RETENTION_JOB, this.settings.retentionHourUtc);
  }
}
