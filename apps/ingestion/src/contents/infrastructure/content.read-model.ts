import { seesEverything, SqlPredicate, Who } from '@mindhill/domain';
import { workflowAccessVisibleTo } from '@mindhill/persistence';
import { dataSourcesVisibleTo } from '../../data-sources/infrastructure/data-source.repository';

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

// What the API shows of a content item (never the bytes).
export const COLUMNS = `c.uuid, c.content_id, c.flux_uuid, c.flux_id, c.fetching_id, c.content_name, c.mime_type, c.file_extension, c.file_size_bytes,
  c.content_hash, c.encoding, c.language, c.content_preview, c.word_count, c.storage_path, c.status, c.fetched_at`;

// A content item is seen by whoever may see its data source, or a workflow whose execution
// fetched it (content is stored once per data source, and several runs may see it).
export function contentsVisibleTo(who: Who): SqlPredicate {
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

export function toContentView(r: Record<string, unknown>): ContentView {
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
