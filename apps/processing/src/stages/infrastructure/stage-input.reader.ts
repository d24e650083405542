import { EntityManager } from '@mikro-orm/postgresql';
import { StageRequested } from '@mindhill/contracts';
import { executeBound } from '@mindhill/persistence';
import { ItemState } from '../domain/stage-processor';

export type SourceContentRow = {
  content_id: string;
  content_number: number | null;
  flux_id: string;
  flux_number: number | null;
  fetching_id: number | null;
  name: string;
  mime_type: string | null;
  extension: string | null;
  size_bytes: string;
  sha256: string;
  language: string | null;
  storage_key: string;
};
export type PreviousTextRow = ItemState & { contentId: string; text: string; format: string; stageOrder: number };

// Where a stage attempt reads its input: the execution's own content and earlier stages, and
// for a rerun the runs its carried-over stages ran in (their content; their output of those
// stage orders only, never of a stage the rerun executes again).
export type StageSources = { executionId: string; carriedOver: { stageOrder: number; executionId: string }[] };

export function stageSources(request: StageRequested): StageSources {
  return { executionId: request.executionId, carriedOver: request.input.carriedOver ?? [] };
}

// Every run whose content the stage reads, as a JSON array (unpacked in SQL).
const contentRuns = (s: StageSources) => JSON.stringify([...new Set([s.executionId, ...s.carriedOver.map((c) => c.executionId)])]);
const IN_CONTENT_RUNS = `IN (SELECT value::uuid FROM jsonb_array_elements_text(?::jsonb))`;

// Queries over the read model of fetched content and the text earlier stages produced.
export class StageInputReader {
  async contentsOf(em: EntityManager, sources: StageSources): Promise<SourceContentRow[]> {
    return em.execute<SourceContentRow[]>(
      `SELECT s.* FROM source_content s
        WHERE s.content_id IN (SELECT content_id FROM execution_content WHERE execution_id ${IN_CONTENT_RUNS})
        ORDER BY s.content_number NULLS LAST, s.content_id`,
      [contentRuns(sources)],
    );
  }

  async countOf(em: EntityManager, sources: StageSources): Promise<number> {
    const [row] = await em.execute<{ n: string }[]>(
      `SELECT count(DISTINCT content_id) AS n FROM execution_content WHERE execution_id ${IN_CONTENT_RUNS}`,
      [contentRuns(sources)],
    );
    return Number(row?.n ?? 0);
  }

  // The output of the latest earlier stage of this execution (or carried over into it), per content.
  async previousTexts(em: EntityManager, sources: StageSources, stageOrder: number): Promise<Map<string, PreviousTextRow>> {
    const rows = await em.execute<Record<string, unknown>[]>(
      `SELECT DISTINCT ON (content_id) * FROM content_stage_text t
        WHERE (t.execution_id = ? AND t.stage_order < ?)
           OR (t.execution_id, t.stage_order) IN (SELECT * FROM jsonb_to_recordset(?::jsonb) AS c(execution_id uuid, stage_order int))
        ORDER BY content_id, stage_order DESC`,
      [
        sources.executionId,
        stageOrder,
        JSON.stringify(sources.carriedOver.map((c) => ({ execution_id: c.executionId, stage_order: c.stageOrder }))),
      ],
    );
    return new Map(
      rows.map((r) => [
        String(r.content_id),
        {
          contentId: String(r.content_id),
          text: String(r.text),
          format: String(r.format),
          stageOrder: Number(r.stage_order),
          language: (r.language as string | null) ?? null,
          category: (r.category as string | null) ?? null,
          tags: (r.tags as string[]) ?? [],
          confidence: r.confidence === null ? null : Number(r.confidence),
          keywords: (r.keywords as string[]) ?? [],
          summary: (r.summary as string | null) ?? null,
          duplicateOf: (r.duplicate_of as string | null) ?? null,
        },
      ]),
    );
  }

  // Content of the same flux already processed by another execution with the same text (as
  // compared by duplicateKey); duplicates within the execution are found by the stage itself.
  async duplicatesInFlux(
    em: EntityManager,
    sources: StageSources,
    candidates: { contentId: string; fluxId: string; dupKey: string }[],
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (candidates.length === 0) return out;
    // All candidates in one query (was one per item): the first match per candidate by content number.
    const rows = await executeBound<{ candidate: string; content_id: string }>(
      em,
      `SELECT DISTINCT ON (c.content_id) c.content_id AS candidate, s.content_id
         FROM jsonb_to_recordset(?::jsonb) AS c(content_id uuid, flux_id uuid, dup_key char(64))
         JOIN content_search s ON s.flux_id = c.flux_id AND s.dup_key = c.dup_key AND s.content_id <> c.content_id AND s.execution_id <> ALL(?::uuid[])
        ORDER BY c.content_id, s.content_number NULLS LAST, s.content_id`,
      [
        JSON.stringify(candidates.map((c) => ({ content_id: c.contentId, flux_id: c.fluxId, dup_key: c.dupKey }))),
        // The runs whose content this one reads are not "another execution" here.
        `{${[...new Set([sources.executionId, ...sources.carriedOver.map((c) => c.executionId)])].join(',')}}`,
      ],
    );
    for (const r of rows) out.set(r.candidate, r.content_id);
    return out;
  }
}
