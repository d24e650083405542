import { randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Actor, SYSTEM_ACTOR } from '@mindhill/contracts';
import { EventContext, EventStore, Job, JobWorker } from '@mindhill/persistence';
import { getLogger } from '@mindhill/platform';
import { RunReportHandler } from '../../../report-executions/application/run-report/run-report.handler';
import { findReport } from '../../../reports/infrastructure/report.read-model';
import { SCHEDULE_LIMIT, ScheduleLimit } from '../../../reporting.settings';
import { assertValidReportSchedule } from '../../domain/report-schedule-rules';
import { decideTick, ReportScheduleTick } from '../../domain/report-schedule-tick';
import {
  findOwnerRole,
  finishTick,
  lockUnplannedSchedules,
  planReportTick,
  planReportTickAt,
  REPORT_SCHEDULE_TICK,
  reportScheduleTickSchema,
} from '../../infrastructure/report-schedule-ticks.store';

// Job: a report schedule's time has come. The tick's completion, one run per output format
// (triggered by `schedule`, as the report's owner) and the next tick commit together, so a tick
// starts its runs exactly once, however many replicas poll the queue: the job is claimed by one
// worker (FOR UPDATE SKIP LOCKED) and marked done only while it is still running for that worker.
@Injectable()
export class FireReportScheduleJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = getLogger('fire-report-schedule');
  private readonly worker: JobWorker;

  constructor(
    orm: MikroORM,
    private readonly events: EventStore,
    private readonly runReport: RunReportHandler,
    @Inject(SCHEDULE_LIMIT) private readonly limit: ScheduleLimit,
  ) {
    this.worker = new JobWorker(orm, {
      kinds: [REPORT_SCHEDULE_TICK],
      handle: (job) => this.run(job),
      leaseMs: 60_000,
      // A tick that keeps failing (the database, say) is kept dead for a look rather than retried forever.
      maxAttempts: 10,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.planUnplannedSchedules().catch((error: unknown) =>
      this.logger.error({ err: error }, 'Planning the ticks of unplanned report schedules failed'),
    );
    this.worker.start();
  }

  // Reports scheduled before their ticks were planned (or whose tick was lost) get one at start.
  // A cron that no longer parses is left without a tick (its next save must fix it) and logged.
  async planUnplannedSchedules(now = new Date()): Promise<number> {
    return this.events.transact(async (tx) => {
      let planned = 0;
      for (const reportId of await lockUnplannedSchedules(tx.em)) {
        const report = await findReport(tx.em, reportId, { lock: true });
        if (!report) continue;
        try {
          assertValidReportSchedule(report, { now: now.toISOString(), minScheduleIntervalSeconds: 1, intervalChecked: false });
        } catch (error) {
          this.logger.warn({ err: error, reportId }, 'Report schedule cannot be planned');
          continue;
        }
        if (await planReportTick(tx.em, report, now)) planned++;
      }
      return planned;
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  async run(job: Job): Promise<void> {
    const tick: ReportScheduleTick = reportScheduleTickSchema.parse(job.payload);
    const outcome = await this.events.transact(async (tx) => {
      // The report row first, then the job: the same order as a change of the schedule (its event
      // updates the row, then cancels the tick), so the two wait for each other, never deadlock.
      const report = await findReport(tx.em, tick.reportId, { lock: true });
      if (!(await finishTick(tx.em, job.id))) return null;
      const owner = await findOwnerRole(tx.em, report?.createdBy ?? null);
      const now = new Date();
      const decision = decideTick({ report, owner }, { tick, now, minScheduleIntervalSeconds: this.limit.minScheduleIntervalSeconds });
      if (decision.kind === 'stale' || !report) return decision;
      const context: EventContext = { correlationId: randomUUID(), causationId: null, actor: ownerActor(decision.by) };
      for (const format of decision.formats) {
        await this.runReport.requestRunIn(tx, report.uuid, { format }, context, 'schedule');
      }
      await planReportTickAt(tx.em, report.uuid, { cron: tick.cron, timezone: tick.timezone, fireAt: decision.next });
      return decision;
    });
    if (outcome?.kind === 'fire' && outcome.skipped.length > 0) {
      this.logger.warn({ reportId: tick.reportId, fireAt: tick.fireAt, skipped: outcome.skipped }, 'Scheduled report formats not run');
    }
  }
}

// A scheduled run is the owner's: its events carry them as the actor (audit shows whose schedule
// it was), with no session, address or request.
function ownerActor(by: { role: string | null; userNumber: number | null }): Actor {
  return { ...SYSTEM_ACTOR, role: by.role, userNumber: by.userNumber };
}
