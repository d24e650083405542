import { randomUUID } from 'node:crypto';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { contentProcessed, historyRecorded, processingStage, StageRequested, stageStreamId } from '@mindhill/contracts';
import { completeJob, EventContext, EventStore, EventTransaction, Job, newEvent, NewEvent } from '@mindhill/persistence';
import { getLogger } from '@mindhill/platform';
import { decodeBytes, detectFormat, ContentFormat } from '../../domain/content-decoder';
import { duplicateKey, hashOfHashes, sha256 } from '../../domain/content-hash';
import { round } from '../../domain/keyword-classifier';
import {
  ALGORITHMS,
  FailedItem,
  ItemOutput,
  parseStageSettings,
  ProcessingStageType,
  runStage,
  StageItem,
  StageResult,
} from '../../domain/stage-processor';
import { ItemError } from '../../domain/structured-data';
import { ContentArrivals } from '../../../content-feed/infrastructure/content-arrivals';
import { ContentStoreReader } from '../../infrastructure/content-store.reader';
import { SourceContentRow, StageInputReader } from '../../infrastructure/stage-input.reader';
import { StageJobPayload } from '../request-stage/request-stage.handler';

export type RunStageOptions = { inputPollMs: number; maxItemBytes: number; progressEveryMs?: number };
type Lease = { extend(): Promise<void> };
type Failure = { code: string; message: string; retriable: boolean };
type Run = {
  job: Job;
  request: StageRequested;
  context: EventContext;
  streamId: string;
  startedAt: Date;
  contents: SourceContentRow[];
  bytesProcessed: number;
};

const OUTCOME_TYPES = [processingStage.completed.type, processingStage.failed.type];
const READ_AHEAD = 8;
// How long a job waits in place for input still arriving before it goes back to the queue.
const INPUT_WAIT_IN_JOB_MS = 5_000;

// Runs one processing stage attempt as a job: waits for the execution's content, processes every
// item, then writes history, per-content results, the stage outcome and the job's completion in
// one transaction. A re-run finds the outcome on the stage stream and does nothing again.
export class RunStageJob {
  private readonly logger = getLogger('processing-stage');

  constructor(
    private readonly orm: MikroORM,
    private readonly events: EventStore,
    private readonly store: ContentStoreReader,
    private readonly inputs: StageInputReader,
    private readonly options: RunStageOptions,
    private readonly arrivals?: ContentArrivals,
  ) {}

  async handle(job: Job, lease: Lease): Promise<void> {
    const { request, correlationId, causationId, actor } = job.payload as unknown as StageJobPayload;
    const streamId = stageStreamId(request);
    const context: EventContext = { correlationId, causationId, actor };
    const em = this.orm.em.fork();
    if (await hasOutcome(em, streamId)) {
      await this.orm.em.fork().transactional((tx) => completeJob(tx, job.id));
      return;
    }
    const run: Run = { job, request, context, streamId, startedAt: new Date(), contents: [], bytesProcessed: 0 };
    const type = request.stageType as ProcessingStageType;

    const available = await this.awaitInput(em, request);
    if (available < request.input.expectedContentCount) {
      if (Date.now() < Date.parse(request.deadlineAt)) return this.defer(job.id);
      return this.finish(run, null, {
        code: 'PROCESSING.INPUT_MISSING',
        retriable: true,
        message: `expected ${request.input.expectedContentCount} content items for the execution, found ${available} before the deadline`,
      });
    }
    let settings: Record<string, unknown>;
    try {
      settings = parseStageSettings(type, request.settings);
    } catch (error) {
      return this.finish(run, null, {
        code: 'PROCESSING.INVALID_SETTINGS',
        message: (error as Error).message.slice(0, 1000),
        retriable: false,
      });
    }

    run.contents = await this.inputs.contentsOf(em, request.executionId);
    const previous = await this.inputs.previousTexts(em, request.executionId, request.stageOrder);
    await this.progress(run, 0);
    let lastProgress = Date.now();
    const items: StageItem[] = [];
    const readFailures: FailedItem[] = [];
    const encodings: Record<string, number> = {};
    // Stored bytes are read a few items ahead (one at a time, thousands of small items waited on
    // each file-system round trip in turn); only items without a previous stage's text need them.
    const needsBytes = (c: SourceContentRow) => !previous.has(c.content_id) && Number(c.size_bytes) <= this.options.maxItemBytes;
    const reads = new Map<number, Promise<Buffer>>();
    const readAhead = (from: number) => {
      for (let j = from; j < Math.min(run.contents.length, from + READ_AHEAD); j++) {
        const c = run.contents[j]!;
        if (!reads.has(j) && needsBytes(c)) {
          const read = this.store.read(c.storage_key);
          read.catch(() => undefined); // awaited (and reported) in order below
          reads.set(j, read);
        }
      }
    };
    for (const [i, c] of run.contents.entries()) {
      const prev = previous.get(c.content_id);
      readAhead(i);
      const read = reads.get(i);
      reads.delete(i);
      try {
        if (Number(c.size_bytes) > this.options.maxItemBytes) {
          throw new ItemError('PROCESSING.CONTENT_TOO_LARGE', `${c.size_bytes} bytes exceed the limit of ${this.options.maxItemBytes}`);
        }
        if (prev) {
          items.push({
            contentId: c.content_id,
            fluxId: c.flux_id,
            text: prev.text,
            format: prev.format as ContentFormat,
            sourceLanguage: c.language,
            state: prev,
          });
        } else {
          const bytes = await read!;
          if (sha256(bytes) !== c.sha256) throw new ItemError('PROCESSING.CONTENT_CORRUPT', 'stored bytes do not match the content hash');
          const decoded = decodeBytes(bytes);
          encodings[decoded.encoding] = (encodings[decoded.encoding] ?? 0) + 1;
          items.push({
            contentId: c.content_id,
            fluxId: c.flux_id,
            text: decoded.text,
            format: detectFormat(c.mime_type, c.extension),
            sourceLanguage: c.language,
            state: null,
          });
        }
        run.bytesProcessed += Number(c.size_bytes);
      } catch (error) {
        const code = error instanceof ItemError ? error.code : 'PROCESSING.ITEM_FAILED';
        readFailures.push({ contentId: c.content_id, code, reason: (error as Error).message.slice(0, 500) });
      }
      if (Date.now() - lastProgress >= (this.options.progressEveryMs ?? 500)) {
        await this.progress(run, i + 1);
        await lease.extend();
        lastProgress = Date.now();
      }
    }

    const priorDuplicates =
      type === 'refinement'
        ? await this.inputs.duplicatesInFlux(
            em,
            request.executionId,
            items.map((it) => ({
              contentId: it.contentId,
              fluxId: it.fluxId,
              dupKey: duplicateKey(it.text),
            })),
          )
        : new Map<string, string>();
    const result = runStage(type, settings, items, priorDuplicates);
    // Failures listed in content order, whichever step failed them.
    const order = new Map(run.contents.map((c, i) => [c.content_id, i]));
    result.failed = [...readFailures, ...result.failed].sort((a, b) => order.get(a.contentId)! - order.get(b.contentId)!);
    if (type === 'processing') result.output = { ...result.output, encodings };

    if (run.contents.length > 0 && result.outputs.length === 0) {
      return this.finish(
        run,
        { result, settings },
        {
          code: 'PROCESSING.ALL_ITEMS_FAILED',
          retriable: false,
          message: `all ${run.contents.length} content items failed`,
        },
      );
    }
    return this.finish(run, { result, settings }, null);
  }

  // The execution's content count, after waiting a little while it is still arriving: woken by
  // each committed feed batch, so the stage starts as soon as the last item is in.
  private async awaitInput(em: EntityManager, request: StageRequested): Promise<number> {
    const until = Math.min(Date.now() + INPUT_WAIT_IN_JOB_MS, Date.parse(request.deadlineAt));
    for (;;) {
      const available = await this.inputs.countOf(em, request.executionId);
      if (available >= request.input.expectedContentCount || Date.now() >= until || !this.arrivals) return available;
      await this.arrivals.next(request.executionId, Math.min(this.options.inputPollMs, until - Date.now()));
    }
  }

  private async defer(jobId: string): Promise<void> {
    await this.orm.em.fork().execute(
      `UPDATE job SET status = 'pending', locked_until = NULL, last_error = 'waiting for input',
         run_after = now() + (? * interval '1 millisecond'), updated_at = now() WHERE id = ? AND status = 'running'`,
      [this.options.inputPollMs, jobId],
      'run',
    );
  }

  private async progress(run: Run, itemsProcessed: number): Promise<void> {
    const { request } = run;
    await this.events.transact(async (tx) => {
      if (await hasOutcome(tx.em, run.streamId)) return;
      const version = await tx.streamVersion(run.streamId);
      await tx.append(
        run.streamId,
        version,
        [
          newEvent(processingStage.progressed, {
            executionId: request.executionId,
            workflowId: request.workflowId,
            stageOrder: request.stageOrder,
            attempt: request.attempt,
            itemsTotal: run.contents.length,
            itemsProcessed,
            bytesProcessed: run.bytesProcessed,
          }),
        ],
        run.context,
      );
    });
  }

  private async finish(
    run: Run,
    work: { result: StageResult; settings: Record<string, unknown> } | null,
    failure: Failure | null,
  ): Promise<void> {
    const { request, job } = run;
    const type = request.stageType as ProcessingStageType;
    const result = work?.result ?? { outputs: [], failed: [], output: {}, meanConfidence: null };
    const completedAt = new Date();
    const durationMs = Math.max(0, completedAt.getTime() - run.startedAt.getTime());
    const processed = run.contents.length;
    const first = run.contents[0];
    const ref = {
      executionId: request.executionId,
      workflowId: request.workflowId,
      stageOrder: request.stageOrder,
      attempt: request.attempt,
    };

    await this.events.transact(async (tx) => {
      if (await hasOutcome(tx.em, run.streamId)) {
        await completeJob(tx.em, job.id);
        return;
      }
      const stageVersion = await tx.streamVersion(run.streamId);
      const [row] = await tx.em.execute<{ id: string }[]>(`SELECT nextval('processing_id_seq') AS id`);
      const processingId = Number(row!.id);
      const historyId = randomUUID();

      await tx.append(
        `processing-history-${historyId}`,
        0,
        [
          newEvent(historyRecorded, {
            historyId,
            processingId,
            executionId: request.executionId,
            executionNumber: request.executionNumber,
            workflowId: request.workflowId,
            stageOrder: request.stageOrder,
            attempt: request.attempt,
            stageName: request.stageName,
            fetchingId: first?.fetching_id ?? null,
            fluxNumber: first?.flux_number ?? null,
            fluxId: first?.flux_id ?? null,
            status: failure ? 'Failed' : 'Success',
            startedAt: run.startedAt.toISOString(),
            completedAt: completedAt.toISOString(),
            processingTimeSeconds: Math.round(durationMs / 1000),
            processingType: type,
            processingAlgorithm: ALGORITHMS[type],
            processingConfig: work?.settings ?? request.settings,
            numberOfProcessingContent: processed,
            contentProcessed: processed,
            contentSuccessful: failure ? 0 : result.outputs.length,
            contentFailed: failure ? processed : result.failed.length,
            itemsPerSecond: processed > 0 ? Math.min(99_999_999, round(processed / Math.max(durationMs / 1000, 0.001), 2)) : null,
            accuracyScore: processed > 0 ? round(((failure ? 0 : result.outputs.length) / processed) * 100, 2) : null,
            confidenceScore: result.meanConfidence === null ? null : round(result.meanConfidence * 100, 2),
            qualityMetrics: { meanConfidence: result.meanConfidence, bytesProcessed: run.bytesProcessed, durationMs },
            errorCode: failure?.code ?? null,
            errorMessage: failure?.message ?? null,
            failedItems: result.failed,
            output: result.output,
            inputHash: hashOfHashes(run.contents.map((c) => c.sha256)),
            outputHash: hashOfHashes([...result.outputs.map(outputDigest), sha256(JSON.stringify(result.output))]),
          }),
        ],
        run.context,
      );

      const outcome = failure
        ? newEvent(processingStage.failed, {
            ...ref,
            errorCode: failure.code,
            errorMessage: failure.message,
            retriable: failure.retriable,
            itemsProcessed: processed,
            itemsFailed: failure.code === 'PROCESSING.ALL_ITEMS_FAILED' ? processed : 0,
            details: { historyId, failedItems: result.failed },
          })
        : newEvent(processingStage.completed, {
            ...ref,
            itemsTotal: processed,
            itemsProcessed: processed,
            itemsSuccessful: result.outputs.length,
            itemsFailed: result.failed.length,
            bytesProcessed: run.bytesProcessed,
            contentCount: processed,
            durationMs,
            output: result.output,
            historyId,
          });
      await tx.append(run.streamId, stageVersion, [outcome], run.context);
      // The item events after the outcome, in the same commit: the relay publishes in outbox
      // order, and the orchestrator need not wait for thousands of read-model events to go out
      // before it requests the next stage (which reads this service's own tables, not them).
      if (!failure)
        await this.appendContentEvents(tx, run, result.outputs, { processingId, historyId, processedAt: completedAt.toISOString() });
      await completeJob(tx.em, job.id);
    });
    this.logger.info(
      { executionId: request.executionId, stageOrder: request.stageOrder, attempt: request.attempt, failed: failure?.code ?? null },
      'Processing stage finished',
    );
  }

  // One event per processed item on its content stream, written set-based (appendMany): versions
  // of every stream in one query, events, outbox rows and projections in a few statements.
  private async appendContentEvents(
    tx: EventTransaction,
    run: Run,
    outputs: ItemOutput[],
    ids: { processingId: number; historyId: string; processedAt: string },
  ) {
    const { request } = run;
    const contents = new Map(run.contents.map((c) => [c.content_id, c]));
    const versions = await tx.streamVersions(outputs.map((o) => `content-${o.contentId}`));
    const streams = new Map<string, NewEvent[]>();
    for (const o of outputs) {
      const c = contents.get(o.contentId)!;
      const streamId = `content-${o.contentId}`;
      streams.set(streamId, [
        ...(streams.get(streamId) ?? []),
        newEvent(contentProcessed, {
          contentId: o.contentId,
          contentNumber: c.content_number,
          fluxId: c.flux_id,
          executionId: request.executionId,
          stageOrder: request.stageOrder,
          processingType: request.stageType,
          processingId: ids.processingId,
          historyId: ids.historyId,
          name: c.name,
          mimeType: c.mime_type,
          format: o.format,
          category: o.category,
          tags: o.tags,
          confidence: o.confidence,
          language: o.language,
          keywords: o.keywords,
          summary: o.summary,
          duplicateOf: o.duplicateOf,
          wordCount: o.wordCount,
          textSha256: o.textSha256,
          processedAt: ids.processedAt,
          text: o.text,
        }),
      ]);
    }
    await tx.appendMany(
      [...streams].map(([streamId, events]) => ({ streamId, expectedVersion: versions.get(streamId)!, events })),
      run.context,
    );
  }
}

async function hasOutcome(em: EntityManager, streamId: string): Promise<boolean> {
  const rows = await em.execute<unknown[]>(`SELECT 1 FROM stored_event WHERE stream_id = ? AND type IN (?, ?) LIMIT 1`, [
    streamId,
    ...OUTCOME_TYPES,
  ]);
  return rows.length > 0;
}

function outputDigest(o: ItemOutput): string {
  return sha256(
    JSON.stringify([o.contentId, o.textSha256, o.language, o.category, o.tags, o.confidence, o.keywords, o.summary, o.duplicateOf]),
  );
}
