import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { backupCompleted, backupFailed, streamIds } from '@mindhill/contracts';
import { isDurableGroup, KAFKA, KAFKA_SETTINGS, KafkaClient, KafkaSettings, readKafkaPositions } from '@mindhill/messaging';
import {
  completeJob,
  enqueueJob,
  EventContext,
  EventStore,
  JobWorker,
  newEvent,
  pruneBackupSets,
  writeBackupSet,
} from '@mindhill/persistence';
import { DomainError, getLogger, systemContext } from '@mindhill/platform';
import { nextBackupAt } from '../../domain/backup-schedule';
import { BACKUP_SETTINGS, BackupSettings } from '../../infrastructure/backup-settings';

const JOB_KIND = 'backup';
export type BackupOutcome =
  | { backupId: string; status: 'completed'; set: string; removedSets: string[]; durationMs: number }
  | { backupId: string; status: 'failed'; errorCode: string };

// Backup sets of every service database, taken by audit every `frequencyHours` through its job
// queue (one job per period, keyed by its time: with two replicas exactly one takes it), and on an
// admin's request. Each set and its outcome is an event, so the audit log says when backups ran,
// what they held and which old sets retention removed. The set is written by the same code as
// `npm run backup` (libs/persistence/src/backup), with the Kafka positions read first.
@Injectable()
export class TakeBackupJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = getLogger('backups');
  private readonly worker: JobWorker;

  constructor(
    private readonly orm: MikroORM,
    private readonly events: EventStore,
    @Inject(BACKUP_SETTINGS) private readonly settings: BackupSettings,
    @Inject(KAFKA) private readonly kafka: KafkaClient,
    @Inject(KAFKA_SETTINGS) private readonly kafkaSettings: KafkaSettings,
  ) {
    this.worker = new JobWorker(orm, {
      kinds: [JOB_KIND],
      leaseMs: 30 * 60_000,
      handle: async (job) => {
        await this.run('schedule', systemContext());
        // The next period after this job's own time, even when it runs early or late.
        const at = new Date(Math.max(Date.now(), Date.parse(String(job.payload.at ?? '')) || 0));
        await this.orm.em.fork().transactional(async (em) => {
          await completeJob(em, job.id);
          await this.scheduleNext(em, at);
        });
      },
    });
  }

  get enabled(): boolean {
    return this.settings.targets.length > 0;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) {
      this.logger.info('Scheduled backups off: BACKUP_DATABASE_URLS is not set');
      return;
    }
    await this.orm.em.fork().transactional((em) => this.scheduleNext(em));
    this.worker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  async run(trigger: 'schedule' | 'request', context: EventContext): Promise<BackupOutcome> {
    if (!this.enabled)
      throw new DomainError('AUDIT.BACKUPS_NOT_CONFIGURED', 'Backups are not configured (BACKUP_DATABASE_URLS)', 'conflict');
    const backupId = randomUUID();
    const started = Date.now();
    const ranAt = new Date().toISOString();
    const set = ranAt.replace(/[:.]/g, '-');
    let outcome: BackupOutcome;
    try {
      const prefix = this.kafkaSettings.topicPrefix;
      const kafka = await readKafkaPositions(this.kafka, prefix, (g) => isDurableGroup(g, prefix)).catch(() => null);
      const manifest = await writeBackupSet(
        this.settings.targets,
        path.join(this.settings.dir, set),
        { kafka, topicPrefix: prefix, platformVersion: this.settings.platformVersion, gitCommit: null },
        this.settings.encryptionKey,
      );
      const removedSets = await pruneBackupSets(this.settings.dir, this.settings.retentionDays);
      const durationMs = Date.now() - started;
      await this.append(
        backupId,
        newEvent(backupCompleted, {
          backupId,
          set,
          trigger,
          databases: manifest.databases.map((d) => ({ app: d.app, sizeBytes: d.sizeBytes, storedEvents: d.storedEvents })),
          kafkaPositions: kafka !== null,
          durationMs,
          removedSets,
          ranAt,
        }),
        context,
      );
      outcome = { backupId, status: 'completed', set, removedSets, durationMs };
      this.logger.info({ backupId, set, trigger, durationMs, removedSets: removedSets.length }, 'Backup set written');
    } catch (error) {
      // The message of pg_dump and friends may name a database URL: only its first line, without
      // anything that looks like one.
      const message = String((error as Error).message ?? error)
        .split('\n')[0]!
        .replace(/postgres(ql)?:\/\/\S+/g, 'postgres://…')
        .slice(0, 500);
      await this.append(
        backupId,
        newEvent(backupFailed, { backupId, trigger, errorCode: 'AUDIT.BACKUP_FAILED', errorMessage: message, ranAt }),
        context,
      );
      outcome = { backupId, status: 'failed', errorCode: 'AUDIT.BACKUP_FAILED' };
      this.logger.error({ backupId, trigger, reason: message }, 'Backup failed');
    }
    return outcome;
  }

  private async append(backupId: string, event: ReturnType<typeof newEvent>, context: EventContext): Promise<void> {
    await this.events.transact((tx) => tx.append(streamIds.backup(backupId), 0, [event], context));
  }

  private async scheduleNext(em: EntityManager, after = new Date()): Promise<void> {
    const at = nextBackupAt(after, this.settings.frequencyHours);
    await enqueueJob(em, { key: `${JOB_KIND}:${at.toISOString()}`, kind: JOB_KIND, payload: { at: at.toISOString() }, runAfter: at });
  }
}
