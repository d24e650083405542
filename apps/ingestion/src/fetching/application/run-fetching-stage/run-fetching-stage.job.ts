import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  fetchingSettingsSchema,
  ingestionStage,
  StageRef,
  StageRequested,
  stageStreamId,
  streamIds,
  SYSTEM_ACTOR,
} from '@mindhill/contracts';
import { canUse, Who } from '@mindhill/domain';
import {
  completeJob,
  completeJobLater,
  EventContext,
  EventStore,
  EventTransaction,
  isUniqueViolation,
  Job,
  newEvent,
  NewEvent,
  stageAttemptState,
} from '@mindhill/persistence';
import { getLogger, OutboundPolicy } from '@mindhill/platform';
import { ContentStore } from '../../../contents/infrastructure/content-store';
import { findKnownContents, nextContentNumbers } from '../../../contents/infrastructure/known-contents';
import { DatabaseSourcePolicy } from '../../../data-sources/domain/database-source-policy';
import { CredentialCipher } from '../../../data-sources/infrastructure/credential-cipher';
import { dataSourceAccess, findDataSources } from '../../../data-sources/infrastructure/data-source.repository';
import { stageFailureOf } from '../../domain/fetch-collector';
import {
  contentFetchedEvents,
  contentKey,
  FetchRun,
  fetchingRecordedEvent,
  StageFailure,
  stageOutcomeEvent,
  stageRefusedEvent,
} from '../../domain/fetching-outcome';
import { ResolvedSource } from '../../infrastructure/readers/source-reader';
import { readSources } from '../../infrastructure/readers/all-sources.reader';
import { fetchingJobPayload } from './run-fetching-stage.schema';

export type FetchingOptions = {
  timeoutMs: number;
  defaultMaxFileSizeMb: number;
  fileRoots: readonly string[];
  jobLeaseMs: number;
  progressEveryMs: number;
  outbound: OutboundPolicy;
  database: DatabaseSourcePolicy;
};
export const FETCHING_OPTIONS = Symbol('FETCHING_OPTIONS');

const TERMINAL = [ingestionStage.completed.type, ingestionStage.failed.type];

export type Lease = { extend(): Promise<void> };

// Runs one fetching stage attempt: reads every data source, stores the bytes, and writes the
// outcome (history, one content event per item, the stage answer, job done) in ONE
// transaction. Re-running the same job finds the stage stream already answered and does
// nothing; a crash before the commit leaves only content-addressed blobs behind.
@Injectable()
export class RunFetchingStageJob {
  private readonly logger = getLogger('fetching-stage');

  constructor(
    private readonly events: EventStore,
    private readonly cipher: CredentialCipher,
    private readonly store: ContentStore,
    @Inject(FETCHING_OPTIONS) private readonly options: FetchingOptions,
  ) {}

  async run(job: Job, lease: Lease): Promise<void> {
    const payload = fetchingJobPayload.parse(job.payload);
    const request = payload.request;
    const ref = {
      executionId: request.executionId,
      workflowId: request.workflowId,
      stageOrder: request.stageOrder,
      attempt: request.attempt,
    };
    const streamId = stageStreamId(ref);
    const context: EventContext = {
      correlationId: payload.correlationId,
      causationId: payload.causationId,
      actor: { ...SYSTEM_ACTOR, userNumber: request.triggeredByUserNumber },
    };
    // Only a job run again (its worker died) can find its stage answered: the job key is the
    // stage attempt's, so a first run skips the look.
    if (job.attempts > 1 && (await this.answered(streamId))) {
      await this.events.transact(async (tx) => completeJob(tx.em, job.id));
      return;
    }
    const startedAt = new Date();

    const settings = fetchingSettingsSchema.safeParse(request.settings);
    if (!settings.success) {
      return this.failEarly(job, streamId, ref, context, {
        code: 'INGESTION.INVALID_SETTINGS',
        message: settings.error.message,
        retriable: false,
      });
    }
    const maxBytes = Math.floor((settings.data.maxFileSizeMb ?? this.options.defaultMaxFileSizeMb) * 1024 * 1024);
    if (request.dataSourceIds.length === 0) {
      return this.failEarly(job, streamId, ref, context, {
        code: 'INGESTION.NO_DATA_SOURCES',
        message: 'The fetching stage names no data source',
        retriable: false,
      });
    }
    const rows = await findDataSources(this.events.readModel(), request.dataSourceIds);
    const missing = request.dataSourceIds.filter((id) => !rows.some((r) => r.uuid === id && r.status === 'active'));
    if (missing.length > 0) {
      return this.failEarly(job, streamId, ref, context, {
        code: 'INGESTION.DATA_SOURCE_NOT_FOUND',
        message: `Unknown or archived data sources: ${missing.join(', ')}`,
        retriable: false,
        details: { dataSourceIds: missing },
      });
    }
    // Checked at every run, not only when the workflow was saved: a use share withdrawn since
    // (or a request that names no owner) stops the run before any credential is decrypted.
    const owner: Who = { role: request.workflowOwnerIsAdmin ? 'admin' : 'user', userNumber: request.workflowOwnerNumber };
    const notUsable = request.dataSourceIds.filter((id) => !canUse(owner, dataSourceAccess(rows.find((r) => r.uuid === id)!)));
    if (notUsable.length > 0) {
      return this.failEarly(job, streamId, ref, context, {
        code: 'INGESTION.DATA_SOURCE_NOT_USABLE',
        message: `The workflow's owner may not use data sources ${notUsable.join(', ')}`,
        retriable: false,
        details: { dataSourceIds: notUsable },
      });
    }
    const sources: ResolvedSource[] = request.dataSourceIds.map((id) => {
      const row = rows.find((r) => r.uuid === id)!;
      return {
        row,
        credentials: row.credentials_encrypted ? this.cipher.decrypt(row.credentials_encrypted) : {},
        label: `${row.source_type}:${row.name}`,
      };
    });

    const read = await readSources(sources, {
      maxBytes,
      options: this.options,
      store: this.store,
      readModel: () => this.events.readModel(),
      lease,
      // The item count so far, as progress on the stage stream (unless it was answered meanwhile).
      report: (itemsDone, bytes) =>
        this.events.transact(async (tx) => {
          const v = await tx.streamVersion(streamId);
          if (await this.answeredIn(tx, streamId)) return;
          const progressed = { ...ref, itemsTotal: itemsDone, itemsProcessed: itemsDone, bytesProcessed: bytes };
          await tx.append(streamId, v, [newEvent(ingestionStage.progressed, progressed)], context);
        }),
    });
    const run: FetchRun = {
      ...read,
      sources: sources.map((s) => ({
        uuid: s.row.uuid,
        number: s.row.id,
        name: s.row.name,
        type: s.row.source_type,
        config: s.row.config,
      })),
      startedAt,
      completedAt: new Date(),
      maxBytes,
      timeoutMs: this.options.timeoutMs,
      failure: stageFailureOf(read),
    };
    // Two runs fetching the same new bytes for one flux at once: the unique (flux, hash) key
    // lets one commit; the other decides again and finds the content recognised.
    for (let round = 1; ; round++) {
      try {
        await this.finish(job, streamId, ref, context, request, run);
        break;
      } catch (error) {
        if (round >= 3 || !isUniqueViolation(error, 'fetched_contents_flux_hash_unique')) throw error;
      }
    }
    this.logger.info(
      { executionId: request.executionId, stageOrder: request.stageOrder, items: run.items.length, failed: run.failures.length },
      run.failure ? 'Fetching stage failed' : 'Fetching stage completed',
    );
  }

  private async finish(job: Job, streamId: string, ref: StageRef, context: EventContext, request: StageRequested, run: FetchRun) {
    await this.events.transact(async (tx) => {
      // Answered already (a job run again), cancelled meanwhile (the execution finished: the
      // orchestrator moved on), the stage stream's version and a fetching number, in one look.
      const state = await stageAttemptState(tx.em, { streamId, answeredBy: TERMINAL, sequence: 'fetching_id_seq', jobId: job.id });
      if (state.answered) return completeJob(tx.em, job.id);
      if (state.jobStatus === 'cancelled') return;
      const ids = { fetchingId: state.nextId, fetchingUuid: randomUUID() };
      // New content gets a number and id; bytes already held for the same flux are recognised.
      // One lookup and one sequence call for the whole run.
      const known = await findKnownContents(tx.em, run.items);
      const fresh = new Set(run.items.map((i) => contentKey(i.fluxNumber, i.sha256)).filter((k) => !known.has(k)));
      const numbers = await nextContentNumbers(tx.em, fresh.size);
      for (const key of fresh) known.set(key, { uuid: randomUUID(), number: numbers.shift()! });
      const contentEvents = contentFetchedEvents(run.items, known, fresh, {
        ...ids,
        executionId: request.executionId,
        stageOrder: request.stageOrder,
        fetchedAt: new Date().toISOString(),
      });

      // Held back and sent with the next read (the items' stream versions) or the commit.
      await tx.appendLater(streamIds.fetching(ids.fetchingUuid), 0, [fetchingRecordedEvent(request, run, ids, contentEvents)], context);
      await tx.appendLater(streamId, state.version, [stageOutcomeEvent(ref, run, ids, contentEvents)], context);
      // The item events after the outcome, in the same commit: the relay publishes in outbox
      // order, so the orchestrator hears of the outcome without waiting for thousands of item
      // events to go out first (processing waits for its read model of them anyway). Written
      // set-based: a few statements, not 4 round trips per item.
      const streams = new Map<string, NewEvent[]>();
      for (const e of contentEvents) {
        const stream = streamIds.content(e.payload.contentId);
        streams.set(stream, [...(streams.get(stream) ?? []), e]);
      }
      const versions = await tx.streamVersions([...streams.keys()]);
      await tx.appendMany(
        [...streams].map(([stream, events]) => ({ streamId: stream, expectedVersion: versions.get(stream)!, events })),
        context,
      );
      completeJobLater(tx, job.id);
    });
  }

  private async failEarly(job: Job, streamId: string, ref: StageRef, context: EventContext, failure: StageFailure): Promise<void> {
    await this.events.transact(async (tx) => {
      if (!(await this.answeredIn(tx, streamId)) && !(await this.cancelled(tx, job.id))) {
        await tx.appendAtCurrent(streamId, [stageRefusedEvent(ref, failure)], context);
      }
      await completeJob(tx.em, job.id);
    });
  }

  private async answered(streamId: string): Promise<boolean> {
    const rows = await this.events
      .readModel()
      .execute<unknown[]>(`SELECT 1 FROM stored_event WHERE stream_id = ? AND type IN (?, ?) LIMIT 1`, [streamId, ...TERMINAL]);
    return rows.length > 0;
  }

  private async answeredIn(tx: EventTransaction, streamId: string): Promise<boolean> {
    const rows = await tx.em.execute<unknown[]>(`SELECT 1 FROM stored_event WHERE stream_id = ? AND type IN (?, ?) LIMIT 1`, [
      streamId,
      ...TERMINAL,
    ]);
    return rows.length > 0;
  }

  // A run cancelled meanwhile (execution finished) gets no answer; the orchestrator moved on.
  private async cancelled(tx: EventTransaction, jobId: string): Promise<boolean> {
    const rows = await tx.em.execute<{ status: string }[]>('SELECT status FROM job WHERE id = ? FOR UPDATE', [jobId]);
    return rows[0]?.status === 'cancelled';
  }
}
