import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { auditRetentionCompleted } from '@mindhill/contracts';
import { completeJob, enqueueDailyJob, EventContext, EventStore, JobWorker, newEvent } from '@mindhill/persistence';
import { getLogger, systemContext } from '@mindhill/platform';

export const RETENTION_SCHEDULE = Symbol('RETENTION_SCHEDULE');
export type RetentionSchedule = { enabled: boolean; hourUtc: number };
const JOB_KIND = 'audit-retention';
const BATCH = 5_000;
// A row expires when its own retention period has passed (not the table's longest, errata 5).
const EXPIRED = `timestamp < now() - retention_period_days * interval '1 day'`;

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
export class AuditRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = getLogger('audit-retention');
  private readonly worker: JobWorker;

  constructor(
    private readonly orm: MikroORM,
    private readonly events: EventStore,
    @Inject(RETENTION_SCHEDULE) private readonly schedule: RetentionSchedule,
  ) {
    this.worker = new JobWorker(orm, {
      kinds: [JOB_KIND],
      pollMs: 5_000,
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
    const counts = await em.execute<{ event_category: string; n: string }[]>(
      `SELECT event_category, count(*) AS n FROM audit_logs WHERE ${EXPIRED} GROUP BY event_category`,
    );
    const byCategory = Object.fromEntries(counts.map((c) => [c.event_category, Number(c.n)]));
    const matched = counts.reduce((n, c) => n + Number(c.n), 0);
    let deleted = 0;
    if (!dryRun) {
      // Small batches keep each transaction and its locks short.
      for (;;) {
        const rows = await em.execute<unknown[]>(
          `DELETE FROM audit_logs WHERE id IN (SELECT id FROM audit_logs WHERE ${EXPIRED} LIMIT ${BATCH}) RETURNING 1`,
        );
        deleted += rows.length;
        if (rows.length < BATCH) break;
      }
    }
    const [oldest] = await em.execute<{ t: string | null }[]>('SELECT min(timestamp) AS t FROM audit_logs');
    const report: RetentionReport = {
      runId: randomUUID(),
      dryRun,
      matched,
      deleted,
      byCategory,
      oldestRemaining: oldest?.t ? new Date(oldest.t).toISOString() : null,
    };
    await this.events.transact((tx) =>
      tx.append(
        `retention-${report.runId}`,
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
