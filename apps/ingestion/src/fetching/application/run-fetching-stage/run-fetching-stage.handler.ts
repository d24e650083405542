import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  contentFetched,
  fetchingRecorded,
  fetchingSettingsSchema,
  ingestionStage,
  StageRef,
  StageRequested,
  stageRequestedSchema,
  stageStreamId,
} from '@mindhill/contracts';
import { completeJob, EventContext, EventStore, EventTransaction, isUniqueViolation, Job, newEvent, NewEvent } from '@mindhill/persistence';
import { canUse, getLogger, OutboundPolicy, Who } from '@mindhill/platform';
import { BlobWrites } from '../../../contents/infrastructure/blob-writes';
import { ContentStore } from '../../../contents/infrastructure/content-store';
import { findKnownContents, nextContentNumbers } from '../../../contents/infrastructure/known-contents';
import { CredentialCipher } from '../../../data-sources/domain/credential-cipher';
import { dataSourceAccess, findDataSources } from '../../../data-sources/infrastructure/data-source.repository';
import { analyseContent } from '../../domain/content-analysis';
import { CollectedItem, countContentTypes, emptyStats, FailedItem, FetchStats, stageFailureOf } from '../../domain/fetch-collector';
import { readApiSource } from '../../infrastructure/readers/api-source.reader';
import { databaseSourceReader } from '../../infrastructure/readers/database-source.reader';
import { DatabaseSourcePolicy } from '../../../data-sources/domain/database-source-policy';
import { readFileSource } from '../../infrastructure/readers/file-source.reader';
import { ReadContext, ResolvedSource, SourceReader } from '../../infrastructure/readers/source-reader';
import { webhookSourceReader } from '../../infrastructure/readers/webhook-source.reader';

export const FETCHING_JOB_KIND = 'fetching-stage';
export type FetchingJobPayload = { request: StageRequested; correlationId: string; causationId: string };

export type FetchingOptions = {
  timeoutMs: number;
  defaultMaxFileSizeMb: number;
  fileRoots: readonly string[];
  jobLeaseMs: number;
  outbound: OutboundPolicy;
  database: DatabaseSourcePolicy;
};
export const FETCHING_OPTIONS = Symbol('FETCHING_OPTIONS');

const PROGRESS_EVERY_MS = 500;
// Blob writes under way at once while reading goes on (each is several file-system calls).
const PUTS_IN_FLIGHT = 16;
const TERMINAL = [ingestionStage.completed.type, ingestionStage.failed.type];

type Lease = { extend(): Promise<void> };
type RunResult = {
  items: CollectedItem[];
  failures: FailedItem[];
  stats: FetchStats;
  consumed: string[];
  bytes: number;
  sources: ResolvedSource[];
  startedAt: Date;
  completedAt: Date;
  maxBytes: number;
  failure: Failure | null;
};
type Failure = { code: string; message: string; retriable: boolean; details?: Record<string, unknown> };

// Runs one fetching stage attempt: reads every data source, stores the bytes, and writes the
// outcome (history, one content event per item, the stage answer, job done) in ONE
// transaction. Re-running the same job finds the stage stream already answered and does
// nothing; a crash before the commit leaves only content-addressed blobs behind.
@Injectable()
export class RunFetchingStageHandler {
  private readonly logger = getLogger('fetching-stage');

  constructor(
    private readonly events: EventStore,
    private readonly cipher: CredentialCipher,
    private readonly store: ContentStore,
    @Inject(FETCHING_OPTIONS) private readonly options: FetchingOptions,
  ) {}

  async run(job: Job, lease: Lease): Promise<void> {
    const payload = job.payload as unknown as FetchingJobPayload;
    const request = stageRequestedSchema.parse(payload.request);
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
      actor: {
        userId: null,
        userNumber: request.triggeredByUserNumber,
        email: null,
        role: 'system',
        sessionId: null,
        ip: null,
        userAgent: null,
        requestMethod: null,
        requestUrl: null,
      },
    };
    if (await this.answered(streamId)) {
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

    // Read everything, storing bytes as they come and reporting progress now and then.
    const items: CollectedItem[] = [];
    const failures: FailedItem[] = [];
    const stats = emptyStats();
    const consumed: string[] = [];
    let bytes = 0;
    // The first report goes out at once, the next ones at most every 500 ms (each is a
    // transaction here and in workflows, and an audit row).
    let lastProgressAt = 0;
    const progress = async () => {
      const done = items.length + failures.length;
      if (Date.now() - lastProgressAt < PROGRESS_EVERY_MS) return;
      lastProgressAt = Date.now();
      await lease.extend();
      await this.events.transact(async (tx) => {
        const v = await tx.streamVersion(streamId);
        if (await this.answeredIn(tx, streamId)) return;
        await tx.append(
          streamId,
          v,
          [newEvent(ingestionStage.progressed, { ...ref, itemsTotal: done, itemsProcessed: done, bytesProcessed: bytes })],
          context,
        );
      });
    };
    const blobs = new BlobWrites(this.store, PUTS_IN_FLIGHT);
    const ctx: ReadContext = {
      maxBytes,
      fileRoots: this.options.fileRoots,
      outbound: this.options.outbound,
      timeoutMs: this.options.timeoutMs,
      stats,
      emit: async (source, name, data, declaredMime) => {
        if (data.length > maxBytes) {
          failures.push({ source: `${source.label}/${name}`, reason: `larger than the limit (${data.length} bytes)`, unreachable: false });
          return;
        }
        const facts = analyseContent(data, name, declaredMime);
        const item: CollectedItem = {
          ...facts,
          fluxUuid: source.row.uuid,
          fluxNumber: source.row.id,
          name: name.slice(0, 500),
          storageKey: this.store.keyOf(facts.sha256),
        };
        items.push(item);
        bytes += data.length;
        await blobs.put(item, source, name, data);
        await progress();
      },
      fail: (source, reason, unreachable) => failures.push({ source: source.label, reason, unreachable }),
    };
    const readers: Record<string, SourceReader> = {
      api: readApiSource,
      file: readFileSource,
      database: databaseSourceReader(this.options.database),
      webhook: webhookSourceReader(() => this.events.readModel(), this.store, consumed),
    };
    for (const source of sources) {
      await readers[source.row.source_type]!(source, ctx);
      await lease.extend();
      await progress();
    }

    // Every blob is on disk before the outcome commits; an item whose bytes could not be stored
    // is a failed item.
    for (const { item, failure: f } of await blobs.settle()) {
      items.splice(items.indexOf(item), 1);
      bytes -= item.sizeBytes;
      failures.push(f);
    }

    const completedAt = new Date();
    const failure = stageFailureOf({ items, failures });
    // Two runs fetching the same new bytes for one flux at once: the unique (flux, hash) key
    // lets one commit; the other decides again and finds the content recognised.
    for (let round = 1; ; round++) {
      try {
        await this.finish(job, streamId, ref, context, request, {
          items,
          failures,
          stats,
          consumed,
          bytes,
          sources,
          startedAt,
          completedAt,
          maxBytes,
          failure,
        });
        break;
      } catch (error) {
        if (round >= 3 || !isUniqueViolation(error, 'fetched_contents_flux_hash_unique')) throw error;
      }
    }
    this.logger.info(
      { executionId: request.executionId, stageOrder: request.stageOrder, items: items.length, failed: failures.length },
      failure ? 'Fetching stage failed' : 'Fetching stage completed',
    );
  }

  private async finish(
    job: Job,
    streamId: string,
    ref: StageRef,
    context: EventContext,
    request: StageRequested,
    run: RunResult,
  ): Promise<void> {
    const { items, failures, stats, consumed, bytes, sources, startedAt, completedAt, maxBytes, failure } = run;
    await this.events.transact(async (tx) => {
      if (await this.answeredIn(tx, streamId)) return completeJob(tx.em, job.id);
      if (await this.cancelled(tx, job.id)) return;
      const [{ id }] = await tx.em.execute<{ id: string }[]>(`SELECT nextval('fetching_id_seq') AS id`);
      const fetchingId = Number(id);
      const fetchingUuid = randomUUID();
      const seconds = Math.max((completedAt.getTime() - startedAt.getTime()) / 1000, 0.001);
      const meanResponse = stats.responseTimesMs.length
        ? Math.round(stats.responseTimesMs.reduce((a, b) => a + b, 0) / stats.responseTimesMs.length)
        : null;
      const contentEvents = await this.contentEvents(tx, items, {
        fetchingId,
        fetchingUuid,
        executionId: request.executionId,
        stageOrder: request.stageOrder,
      });
      const duplicates = contentEvents.filter((e) => e.payload.duplicate).length;
      const contentTypes = countContentTypes(items);
      const failedItems = failures.map((f) => ({ source: f.source, reason: f.reason }));
      const types = [...new Set(sources.map((s) => s.row.source_type))];
      const firstApi = sources.find((s) => s.row.source_type === 'api');

      await tx.append(
        `fetching-${fetchingUuid}`,
        0,
        [
          newEvent(fetchingRecorded, {
            fetchingUuid,
            fetchingId,
            fluxNumber: sources[0]!.row.id,
            fluxIds: sources.map((s) => s.row.uuid),
            executionId: request.executionId,
            workflowId: request.workflowId,
            stageOrder: request.stageOrder,
            attempt: request.attempt,
            status: failure ? 'Failed' : 'Success',
            startedAt: startedAt.toISOString(),
            completedAt: completedAt.toISOString(),
            dataSourceType: types.length === 1 ? types[0]! : 'mixed',
            dataSourceUrl: firstApi ? String(firstApi.row.config.url) : null,
            dataSourceConfig: sources.map((s) => ({
              fluxId: s.row.uuid,
              fluxNumber: s.row.id,
              name: s.row.name,
              type: s.row.source_type,
              config: s.row.config,
            })),
            numberOfContent: items.length,
            totalSizeBytes: bytes,
            contentTypes,
            duplicates,
            throughputMbps: (bytes * 8) / 1_000_000 / seconds,
            requestsPerSecond: stats.requests ? stats.requests / seconds : null,
            averageResponseTimeMs: meanResponse,
            errorMessage:
              failure?.message ??
              (failures.length
                ? failedItems
                    .map((f) => `${f.source}: ${f.reason}`)
                    .join('; ')
                    .slice(0, 2000)
                : null),
            errorCount: failures.length,
            retryAttempts: stats.retryAttempts,
            failedItems,
            fetchingConfig: { maxFileSizeMb: maxBytes / 1024 / 1024, timeoutMs: this.options.timeoutMs, stageName: request.stageName },
            headersSent: stats.headersSent,
            headersReceived: stats.headersReceived,
            consumedDeliveryIds: consumed,
          }),
        ],
        context,
      );
      const v = await tx.streamVersion(streamId);
      if (failure) {
        await tx.append(
          streamId,
          v,
          [
            newEvent(ingestionStage.failed, {
              ...ref,
              errorCode: failure.code,
              errorMessage: failure.message,
              retriable: failure.retriable,
              itemsProcessed: 0,
              itemsFailed: failures.length,
              details: { fetchingId, historyId: fetchingUuid, failedItems },
            }),
          ],
          context,
        );
      } else {
        await tx.append(
          streamId,
          v,
          [
            newEvent(ingestionStage.completed, {
              ...ref,
              itemsTotal: items.length + failures.length,
              itemsProcessed: items.length + failures.length,
              itemsSuccessful: items.length,
              itemsFailed: failures.length,
              bytesProcessed: bytes,
              contentCount: new Set(contentEvents.map((e) => e.payload.contentId)).size,
              durationMs: completedAt.getTime() - startedAt.getTime(),
              output: { fetchingId, contentTypes, duplicates, failedItems },
              historyId: fetchingUuid,
            }),
          ],
          context,
        );
      }
      // The item events after the outcome, in the same commit: the relay publishes in outbox
      // order, so the orchestrator hears of the outcome without waiting for thousands of item
      // events to go out first (processing waits for its read model of them anyway). Written
      // set-based: a few statements, not 4 round trips per item.
      const streams = new Map<string, NewEvent[]>();
      for (const e of contentEvents) {
        const id = `content-${e.payload.contentId}`;
        streams.set(id, [...(streams.get(id) ?? []), e]);
      }
      const versions = await tx.streamVersions([...streams.keys()]);
      await tx.appendMany(
        [...streams].map(([id, events]) => ({ streamId: id, expectedVersion: versions.get(id)!, events })),
        context,
      );
      await completeJob(tx.em, job.id);
    });
  }

  // New content gets a number and id; bytes already held for the same flux are recognised. One
  // lookup and one sequence call for the whole run.
  private async contentEvents(
    tx: EventTransaction,
    items: CollectedItem[],
    ids: { fetchingId: number; fetchingUuid: string; executionId: string; stageOrder: number },
  ): Promise<(NewEvent & { payload: { contentId: string; duplicate: boolean } })[]> {
    const keyOf = (fluxNumber: number, sha256: string) => `${fluxNumber}:${sha256}`;
    const known = await findKnownContents(tx.em, items);
    const fresh = new Set(items.map((i) => keyOf(i.fluxNumber, i.sha256)).filter((k) => !known.has(k)));
    const numbers = await nextContentNumbers(tx.em, fresh.size);
    for (const key of fresh) known.set(key, { uuid: randomUUID(), number: numbers.shift()! });
    const out: (NewEvent & { payload: { contentId: string; duplicate: boolean } })[] = [];
    const fetchedAt = new Date().toISOString();
    for (const item of items) {
      const key = keyOf(item.fluxNumber, item.sha256);
      const existing = known.get(key)!;
      // The first sight of new bytes is the new content; any later one (in this run too) a re-fetch.
      const duplicate = !fresh.delete(key);
      const event = newEvent(contentFetched, {
        contentId: existing.uuid,
        contentNumber: existing.number,
        fluxId: item.fluxUuid,
        fluxNumber: item.fluxNumber,
        fetchingId: ids.fetchingId,
        fetchingUuid: ids.fetchingUuid,
        executionId: ids.executionId,
        stageOrder: ids.stageOrder,
        name: item.name,
        mimeType: item.mimeType,
        extension: item.extension,
        sizeBytes: item.sizeBytes,
        sha256: item.sha256,
        encoding: item.encoding,
        language: item.language,
        preview: item.preview,
        wordCount: item.wordCount,
        storageKey: item.storageKey,
        duplicate,
        fetchedAt,
      });
      out.push(event as NewEvent & { payload: { contentId: string; duplicate: boolean } });
    }
    return out;
  }

  private async failEarly(job: Job, streamId: string, ref: StageRef, context: EventContext, failure: Failure): Promise<void> {
    await this.events.transact(async (tx) => {
      if (!(await this.answeredIn(tx, streamId)) && !(await this.cancelled(tx, job.id))) {
        await tx.append(
          streamId,
          await tx.streamVersion(streamId),
          [
            newEvent(ingestionStage.failed, {
              ...ref,
              errorCode: failure.code,
              errorMessage: failure.message,
              retriable: failure.retriable,
              itemsProcessed: 0,
              itemsFailed: 0,
              details: failure.details ?? {},
            }),
          ],
          context,
        );
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
