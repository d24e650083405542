import { randomUUID } from 'node:crypto';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { processingStage, StageRequested, stageStreamId, streamIds } from '@mindhill/contracts';
import {
  completeJob,
  completeJobLater,
  EventContext,
  EventStore,
  EventTransaction,
  Job,
  NewEvent,
  stageAttemptState,
} from '@mindhill/persistence';
import { getLogger } from '@mindhill/platform';
import { ContentArrivals } from '../../../content-feed/infrastructure/content-arrivals';
import { duplicateKey } from '../../domain/content-hash';
import { parseStageSettings, ProcessingStageType, runStage } from '../../domain/stage-processor';
import {
  contentProcessedEvents,
  EMPTY_RESULT,
  historyRecordedEvent,
  StageAttempt,
  StageFailure,
  stageOutcomeEvent,
  stageProgressedEvent,
} from '../../domain/stage-outcome';
import { ContentStoreReader } from '../../infrastructure/content-store.reader';
import { readStageItems } from '../../infrastructure/stage-items.reader';
import { SourceContentRow, StageInputReader, stageSources } from '../../infrastructure/stage-input.reader';
import { stageJobPayload } from './run-stage.schema';

export type RunStageOptions = { inputPollMs: number; maxItemBytes: number; progressEveryMs?: number };
type Lease = { extend(): Promise<void> };
type Run = { job: Job; request: StageRequested; context: EventContext; streamId: string; startedAt: Date; contents: SourceContentRow[] };
type Work = Pick<StageAttempt, 'result' | 'settings' | 'bytesProcessed'>;

const OUTCOME_TYPES = [processingStage.completed.type, processingStage.failed.type];
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
    const { request, correlationId, causationId, actor } = stageJobPayload.parse(job.payload);
    const streamId = stageStreamId(request);
    const context: EventContext = { correlationId, causationId, actor };
    const em = this.orm.em.fork();
    // Only a job run again (its worker died, or it was deferred) can find its stage answered: the
    // job key is the stage attempt's, so a first run skips the look.
    if (job.attempts > 1 && (await hasOutcome(em, streamId))) {
      await this.orm.em.fork().transactional((tx) => completeJob(tx, job.id));
      return;
    }
    const run: Run = { job, request, context, streamId, startedAt: new Date(), contents: [] };
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

    // A rerun reads its carried-over stages' content and output where they ran.
    const sources = stageSources(request);
    run.contents = await this.inputs.contentsOf(em, sources);
    const previous = await this.inputs.previousTexts(em, sources, request.stageOrder);
    // No report at the start: a stage shorter than progressEveryMs (most) reports only its
    // outcome, which carries the counts; each report is a transaction here, in workflows and audit.
    const read = await readStageItems(run.contents, previous, {
      store: this.store,
      maxItemBytes: this.options.maxItemBytes,
      progressEveryMs: this.options.progressEveryMs ?? 500,
      progress: async (itemsRead, bytes) => {
        await this.progress(run, itemsRead, bytes);
        await lease.extend();
      },
    });

    const priorDuplicates =
      type === 'refinement'
        ? await this.inputs.duplicatesInFlux(
            em,
            sources,
            read.items.map((it) => ({ contentId: it.contentId, fluxId: it.fluxId, dupKey: duplicateKey(it.text) })),
          )
        : new Map<string, string>();
    const result = runStage(type, settings, read.items, priorDuplicates);
    // Failures listed in content order, whichever step failed them.
    const order = new Map(run.contents.map((c, i) => [c.content_id, i]));
    result.failed = [...read.failures, ...result.failed].sort((a, b) => order.get(a.contentId)! - order.get(b.contentId)!);
    if (type === 'processing') result.output = { ...result.output, encodings: read.encodings };

    const work = { result, settings, bytesProcessed: read.bytesProcessed };
    if (run.contents.length > 0 && result.outputs.length === 0) {
      return this.finish(run, work, {
        code: 'PROCESSING.ALL_ITEMS_FAILED',
        retriable: false,
        message: `all ${run.contents.length} content items failed`,
      });
    }
    return this.finish(run, work, null);
  }

  // The execution's content count, after waiting a little while it is still arriving: woken by
  // each committed feed batch, so the stage starts as soon as the last item is in.
  private async awaitInput(em: EntityManager, request: StageRequested): Promise<number> {
    const until = Math.min(Date.now() + INPUT_WAIT_IN_JOB_MS, Date.parse(request.deadlineAt));
    for (;;) {
      const available = await this.inputs.countOf(em, stageSources(request));
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

  private async progress(run: Run, itemsProcessed: number, bytesProcessed: number): Promise<void> {
    await this.events.transact(async (tx) => {
      if (await hasOutcome(tx.em, run.streamId)) return;
      const version = await tx.streamVersion(run.streamId);
      const progressed = stageProgressedEvent(run.request, run.contents.length, itemsProcessed, bytesProcessed);
      await tx.append(run.streamId, version, [progressed], run.context);
    });
  }

  private async finish(run: Run, work: Work | null, failure: StageFailure | null): Promise<void> {
    const { request, job } = run;
    const attempt: StageAttempt = {
      request,
      startedAt: run.startedAt,
      completedAt: new Date(),
      contents: run.contents,
      bytesProcessed: work?.bytesProcessed ?? 0,
      result: work?.result ?? EMPTY_RESULT,
      settings: work?.settings ?? request.settings,
      failure,
    };
    await this.events.transact(async (tx) => {
      // Answered already (a job run again), the stage stream's version and a processing number,
      // in one look.
      const state = await stageAttemptState(tx.em, { streamId: run.streamId, answeredBy: OUTCOME_TYPES, sequence: 'processing_id_seq' });
      if (state.answered) {
        await completeJob(tx.em, job.id);
        return;
      }
      const ids = { processingId: state.nextId, historyId: randomUUID() };
      // Held back and sent with the next read (the items' stream versions) or the commit.
      await tx.appendLater(streamIds.processingHistory(ids.historyId), 0, [historyRecordedEvent(attempt, ids)], run.context);
      await tx.appendLater(run.streamId, state.version, [stageOutcomeEvent(attempt, ids)], run.context);
      // The item events after the outcome, in the same commit: the relay publishes in outbox
      // order, and the orchestrator need not wait for thousands of read-model events to go out
      // before it requests the next stage (which reads this service's own tables, not them).
      if (!failure)
        await this.appendContentEvents(
          tx,
          run,
          contentProcessedEvents(attempt, { ...ids, processedAt: attempt.completedAt.toISOString() }),
        );
      completeJobLater(tx, job.id);
    });
    this.logger.info(
      { executionId: request.executionId, stageOrder: request.stageOrder, attempt: request.attempt, failed: failure?.code ?? null },
      'Processing stage finished',
    );
  }

  // One event per processed item on its content stream, written set-based (appendMany): versions
  // of every stream in one query, events, outbox rows and projections in a few statements.
  private async appendContentEvents(tx: EventTransaction, run: Run, events: NewEvent[]) {
    const streams = new Map<string, NewEvent[]>();
    for (const e of events) {
      const streamId = streamIds.content(String(e.payload.contentId));
      streams.set(streamId, [...(streams.get(streamId) ?? []), e]);
    }
    const versions = await tx.streamVersions([...streams.keys()]);
    await tx.appendMany(
      [...streams].map(([streamId, stream]) => ({ streamId, expectedVersion: versions.get(streamId)!, events: stream })),
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
