import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { auditRetentionCompleted, streamIds } from '@mindhill/contracts';
import { completeJob, enqueueDailyJob, EventContext, EventStore, JobWorker, newEvent } from '@mindhill/persistence';
import { getLogger, systemContext } from '@mindhill/platform';
import { countExpiredByCategory, deleteExpired, oldestRemaining } from '../../infrastructure/expired-audit-logs.store';

export const RETENTION_SCHEDULE = Symbol('RETENTION_SCHEDULE');
export type RetentionSchedule = { enabled: boolean; hourUtc: number };
const JOB_KIND = 'audit-retention';

export type RetentionReport = {
  runId: string;
  dryRun: boolean;
  matched: number;
  deleted: number;
  byCategory: Record<string, number>;
  oldestRemaining: string | null;
};

// Retention of audit_logs, scheduled inside the platform (the seed's pg_cron is not available,
// errata 4): a daily job, and a request for an admin, with a dry run; every run is recorded as an
// event, so the audit log says what was removed, when and by whom.
@Injectable()
export class ApplyAuditRetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = getLogger('audit-retention');
  private readonly worker: JobWorker;

  constructor(
    private readonly orm: MikroORM,
    private readonly events: EventStore,
    @Inject(RETENTION_SCHEDULE) private readonly schedule: RetentionSchedule,
  ) {
    this.worker = new JobWorker(orm, {
      kinds: [JOB_KIND],
      leaseMs: 10 * 60_000,
      handle: async (job) => {
        await this.run(false, systemContext(), 'schedule');
        await this.orm.em.fork().transactional(async (em) => {
          await completeJob(em, job.id);
          await this.scheduleNext(em);
        });
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.schedule.enabled) return;
    await this.orm.em.fork().transactional((em) => this.scheduleNext(em));
    this.worker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  async run(dryRun: boolean, context: EventContext, trigger: 'schedule' | 'request' = 'request'): Promise<RetentionReport> {
    const em = this.orm.em.fork();
    const byCategory = await countExpiredByCategory(em);
    const matched = Object.values(byCategory).reduce((n, c) => n + c, 0);
    const deleted = dryRun ? 0 : await deleteExpired(em);
    const report: RetentionReport = {
      runId: randomUUID(),
      dryRun,
      matched,
      deleted,
      byCategory,
      oldestRemaining: await oldestRemaining(em),
    };
    await this.events.transact((tx) =>
      tx.append(
        streamIds.retentionRun(report.runId),
        0,
        [newEvent(auditRetentionCompleted, { ...report, trigger, ranAt: new Date().toISOString() })],
        context,
      ),
    );
    this.logger.info({ ...report }, dryRun ? 'Retention dry run' : 'Retention run');
    return report;
  }

  private scheduleNext(em: Parameters<typeof enqueueDailyJob>[0]): Promise<void> {
    return enqueueDailyJob(em, JOB_KIND, this.schedule.hourUtc);
  }
}
