import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { DomainError, seesEverything, SqlPredicate, Who } from '@mindhill/platform';
import { dataSourcesVisibleTo } from '../../../data-sources/infrastructure/data-source.repository';
import { workflowAccessVisibleTo } from '@mindhill/persistence';
import { decodeCursor, encodeCursor } from '../../../shared/keyset-cursor';
import { ListContentsQuery } from './list-contents.dto';

export type ContentView = {
  id: string;
  contentNumber: number;
  fluxId: string;
  fluxNumber: number;
  fetchingId: number;
  name: string | null;
  mimeType: string | null;
  extension: string | null;
  sizeBytes: number;
  sha256: string;
  encoding: string | null;
  language: string | null;
  preview: string | null;
  wordCount: number | null;
  storageKey: string | null;
  status: string;
  fetchedAt: string;
  duplicate?: boolean;
};
export type ContentPage = { items: ContentView[]; nextCursor: string | null };

const COLUMNS = `c.uuid, c.content_id, c.flux_uuid, c.flux_id, c.fetching_id, c.content_name, c.mime_type, c.file_extension, c.file_size_bytes,
  c.content_hash, c.encoding, c.language, c.content_preview, c.word_count, c.storage_path, c.status, c.fetched_at`;

// Fetched content metadata (never the bytes), in content-number order, keyset paged. With an
// executionId: every content item that execution's fetches saw, new or recognised.
@Injectable()
export class ListContentsQueryHandler {
  constructor(private readonly events: EventStore) {}

  async list(query: ListContentsQuery, who: Who): Promise<ContentPage> {
    const visible = contentsVisibleTo(who);
    const where: string[] = [visible.sql];
    const params: unknown[] = [];
    let from = 'fetched_contents c';
    let extra = '';
    if (query.executionId) {
      from = `fetched_contents c JOIN (
        SELECT fc.content_id, bool_and(fc.duplicate) AS duplicate FROM fetching_contents fc
          JOIN fetching_history h ON h.fetching_id = fc.fetching_id WHERE h.execution_id = ? GROUP BY fc.content_id) e ON e.content_id = c.content_id`;
      params.push(query.executionId);
      extra = ', e.duplicate';
    }
    // The join's parameter comes first in the statement, then the visibility predicate's.
    params.push(...visible.params);
    if (query.fluxId) {
      where.push('c.flux_uuid = ?');
      params.push(query.fluxId);
    }
    if (query.cursor) {
      where.push('c.content_id > ?');
      params.push(decodeCursor(query.cursor));
    }
    const rows = await this.events
      .readModel()
      .execute<Record<string, unknown>[]>(
        `SELECT ${COLUMNS}${extra} FROM ${from} WHERE ${where.join(' AND ')} ORDER BY c.content_id LIMIT ?`,
        [...params, query.limit + 1],
      );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page.map(toView), nextCursor: rows.length > query.limit && last ? encodeCursor(Number(last.content_id)) : null };
  }

  async get(id: string, who: Who): Promise<ContentView> {
    const valid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
    const visible = contentsVisibleTo(who);
    const rows = valid
      ? await this.events
          .readModel()
          .execute<Record<string, unknown>[]>(`SELECT ${COLUMNS} FROM fetched_contents c WHERE c.uuid = ? AND ${visible.sql}`, [
            id,
            ...visible.params,
          ])
      : [];
    if (!rows[0]) throw new DomainError('INGESTION.CONTENT_NOT_FOUND', `No content ${id}`, 'not-found');
    return toView(rows[0]);
  }
}

// A content item is seen by whoever may see its data source, or a workflow whose execution
// fetched it (content is stored once per data source, and several runs may see it).
function contentsVisibleTo(who: Who): SqlPredicate {
  if (seesEverything(who)) return { sql: 'TRUE', params: [] };
  const source = dataSourcesVisibleTo(who, 'd');
  const workflow = workflowAccessVisibleTo(who, 'wa');
  return {
    sql: `(EXISTS (SELECT 1 FROM data_sources d WHERE d.uuid = c.flux_uuid AND ${source.sql})
       OR EXISTS (SELECT 1 FROM fetching_contents fc JOIN fetching_history h ON h.fetching_id = fc.fetching_id
                    JOIN workflow_access wa ON wa.workflow_id = h.workflow_id WHERE fc.content_id = c.content_id AND ${workflow.sql}))`,
    params: [...source.params, ...workflow.params],
  };
}

function toView(r: Record<string, unknown>): ContentView {
  return {
    id: String(r.uuid),
    contentNumber: Number(r.content_id),
    fluxId: String(r.flux_uuid),
    fluxNumber: Number(r.flux_id),
    fetchingId: Number(r.fetching_id),
    name: (r.content_name as string | null) ?? null,
    mimeType: (r.mime_type as string | null) ?? null,
    extension: (r.file_extension as string | null) ?? null,
    sizeBytes: Number(r.file_size_bytes),
    sha256: String(r.content_hash),
    encoding: (r.encoding as string | null) ?? null,
    language: (r.language as string | null) ?? null,
    preview: (r.content_preview as string | null) ?? null,
    wordCount: r.word_count === null ? null : Number(r.word_count),
    storageKey: (r.storage_path as string | null) ?? null,
    status: String(r.status),
    fetchedAt: new Date(r.fetched_at as string).toISOString(),
    ...(r.duplicate === undefined ? {} : { duplicate: Boolean(r.duplicate) }),
  };
}
