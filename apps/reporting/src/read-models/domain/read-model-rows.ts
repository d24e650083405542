import {
  contentFetched,
  contentProcessed,
  EventEnvelope,
  executionCreated,
  executionFinished,
  executionStageCompleted,
  executionStarted,
  PublicPayload,
} from '@mindhill/contracts';

// Fetches outside an execution are stored under the nil uuid (rm_content's key is not nullable).
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

// The event types the read models are fed from; other events on the same topics are ignored.
export const READ_MODEL_EVENT_TYPES: ReadonlySet<string> = new Set([
  executionCreated.type,
  executionStarted.type,
  executionStageCompleted.type,
  executionFinished.type,
  contentFetched.type,
  contentProcessed.type,
]);

export type RowKind = 'executionCreated' | 'executionStarted' | 'executionFinished' | 'calculation' | 'contentFetched' | 'contentProcessed';
export type ReadModelRow = { kind: RowKind; key: string; values: Record<string, unknown> };

// The rows one event upserts, in the order the per-event writer wrote them. `key` names the
// target row (table and primary key): two rows with one key are never written by one statement.
export function readModelRows(event: EventEnvelope): ReadModelRow[] {
  switch (event.type) {
    case executionCreated.type: {
      const p = event.payload as PublicPayload<typeof executionCreated>;
      return [
        {
          kind: 'executionCreated',
          key: `execution:${p.executionId}`,
          values: {
            execution_id: p.executionId,
            execution_number: p.executionNumber,
            workflow_id: p.workflowId,
            workflow_number: p.workflowNumber,
            workflow_name: p.workflowName,
            workflow_version: p.workflowVersion,
            run_number: p.runNumber,
            triggered_by: p.triggeredBy,
            created_at: p.createdAt,
          },
        },
      ];
    }
    case executionStarted.type: {
      const p = event.payload as PublicPayload<typeof executionStarted>;
      return [
        {
          kind: 'executionStarted',
          key: `execution:${p.executionId}`,
          values: { execution_id: p.executionId, workflow_id: p.workflowId, started_at: p.startedAt },
        },
      ];
    }
    case executionFinished.type: {
      const p = event.payload as PublicPayload<typeof executionFinished>;
      return [
        {
          kind: 'executionFinished',
          key: `execution:${p.executionId}`,
          values: {
            execution_id: p.executionId,
            workflow_id: p.workflowId,
            workflow_number: p.workflowNumber,
            run_number: p.runNumber,
            status: p.status,
            error_code: p.errorCode,
            error_message: p.errorMessage,
            started_at: p.startedAt,
            completed_at: p.completedAt,
            duration_minutes: p.durationMinutes,
            content_processed: p.contentProcessed,
            bytes_processed: p.bytesProcessed,
            stages_completed: p.stagesCompleted,
          },
        },
      ];
    }
    case executionStageCompleted.type:
      return calculationRows(event.payload as PublicPayload<typeof executionStageCompleted>);
    case contentFetched.type: {
      const p = event.payload as PublicPayload<typeof contentFetched>;
      const executionId = p.executionId ?? NIL_UUID;
      return [
        {
          kind: 'contentFetched',
          key: `content:${p.contentId}:${executionId}`,
          values: {
            content_id: p.contentId,
            execution_id: executionId,
            content_number: p.contentNumber,
            flux_id: p.fluxId,
            flux_number: p.fluxNumber,
            name: p.name.slice(0, 10_000),
            mime_type: p.mimeType.slice(0, 200),
            extension: p.extension?.slice(0, 50) ?? null,
            size_bytes: p.sizeBytes,
            sha256: p.sha256,
            word_count: p.wordCount,
            duplicate: p.duplicate,
            fetched_at: p.fetchedAt,
            language: p.language?.slice(0, 50) ?? null,
          },
        },
      ];
    }
    case contentProcessed.type: {
      const p = event.payload as PublicPayload<typeof contentProcessed>;
      return [
        {
          kind: 'contentProcessed',
          key: `content:${p.contentId}:${p.executionId}`,
          values: {
            content_id: p.contentId,
            execution_id: p.executionId,
            content_number: p.contentNumber,
            flux_id: p.fluxId,
            name: p.name.slice(0, 10_000),
            mime_type: p.mimeType?.slice(0, 200) ?? null,
            word_count: p.wordCount,
            language: p.language?.slice(0, 50) ?? null,
            category: p.category?.slice(0, 200) ?? null,
            tags: p.tags,
            keywords: p.keywords,
            summary: p.summary,
            confidence: p.confidence,
            processed_stage_order: p.stageOrder,
            processed_at: p.processedAt,
          },
        },
      ];
    }
    default:
      return [];
  }
}

// Calculation stages report `output.fields: { <field>: { count, sum, mean, min, max, p50, p95 } }`.
function calculationRows(p: PublicPayload<typeof executionStageCompleted>): ReadModelRow[] {
  if (p.stageType !== 'calculation') return [];
  const fields = p.output.fields;
  if (typeof fields !== 'object' || fields === null) return [];
  return Object.entries(fields as Record<string, unknown>).map(([name, raw]) => {
    const stats = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const num = (k: string) => (typeof stats[k] === 'number' && Number.isFinite(stats[k]) ? (stats[k] as number) : null);
    const field = name.slice(0, 200);
    return {
      kind: 'calculation',
      key: `calculation:${p.executionId}:${p.stageOrder}:${field}`,
      values: {
        execution_id: p.executionId,
        stage_order: p.stageOrder,
        field,
        workflow_id: p.workflowId,
        count: num('count'),
        sum: num('sum'),
        mean: num('mean'),
        min: num('min'),
        max: num('max'),
        p50: num('p50'),
        p95: num('p95'),
        completed_at: p.completedAt,
      },
    };
  });
}

// Splits rows (in event order) into rounds that set-based statements can write: round n holds
// the n-th write of each target row, so no statement touches a row twice (PostgreSQL refuses
// that) and the writes to one row keep their event order. Usually one round. Inside a statement
// rows are sorted by target, so concurrent batches (other partitions, the other content topic)
// lock shared rows in one order rather than deadlocking.
export function writeRounds(rows: readonly ReadModelRow[]): Map<RowKind, Record<string, unknown>[]>[] {
  const seen = new Map<string, number>();
  const rounds: Map<RowKind, ReadModelRow[]>[] = [];
  for (const row of rows) {
    const n = seen.get(row.key) ?? 0;
    seen.set(row.key, n + 1);
    const round = rounds[n] ?? (rounds[n] = new Map());
    const list = round.get(row.kind);
    if (list) list.push(row);
    else round.set(row.kind, [row]);
  }
  return rounds.map((round) => new Map([...round].map(([kind, list]) => [kind, list.sort(byKey).map((r) => r.values)])));
}

function byKey(a: ReadModelRow, b: ReadModelRow): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
