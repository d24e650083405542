import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { workflowAccessVisibleTo } from '@mindhill/persistence';
import { DomainError, seesEverything, Who } from '@mindhill/platform';
import { MAX_QUERY_LENGTH, SearchContentsQuery } from './search-contents.schema';

export type SearchHit = {
  contentId: string;
  name: string;
  snippet: string;
  rank: number;
  category: string | null;
  tags: string[];
  language: string | null;
  fluxId: string;
};
export type SearchPage = { items: SearchHit[]; nextCursor: string | null };

const CONFIGS = ['english', 'french', 'german', 'spanish', 'simple'] as const;

// Matches are marked with control characters, the text is HTML-escaped, then the marks become
// <b>…</b>: the snippet is safe to render even when the content itself holds markup.
const START = '\u0002';
const STOP = '\u0003';
const HEADLINE_OPTIONS = `MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=" … ", StartSel=${START}, StopSel=${STOP}`;

export function snippetHtml(headline: string): string {
  return headline
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replaceAll(START, '<b>')
    .replaceAll(STOP, '</b>');
}

const invalidQuery = (message: string) => new DomainError('PROCESSING.INVALID_QUERY', message, 'invalid');

// Ranked full-text search over the latest processed text of each content. Each row is matched
// with the query parsed in the row's own language configuration (one OR branch per config, each
// able to use the GIN index); rank is ts_rank, the snippet ts_headline. Pages are ranked
// results with an offset cursor.
@Injectable()
export class SearchContentsQueryHandler {
  constructor(private readonly orm: MikroORM) {}

  async execute(query: SearchContentsQuery, who: Who): Promise<SearchPage> {
    const q = (query.q ?? '').trim();
    if (!q) throw invalidQuery('q must not be empty');
    if (q.length > MAX_QUERY_LENGTH) throw invalidQuery(`q must be at most ${MAX_QUERY_LENGTH} characters`);
    const offset = query.cursor ? decodeCursor(query.cursor) : 0;
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.fluxId) {
      where.push('c.flux_id = ?');
      params.push(query.fluxId);
    }
    if (query.category) {
      where.push('c.category = ?');
      params.push(query.category);
    }
    if (query.tag) {
      where.push('? = ANY (c.tags)');
      params.push(query.tag);
    }
    // A hit follows the workflows whose executions processed the content: any one visible will do.
    if (!seesEverything(who)) {
      const visible = workflowAccessVisibleTo(who);
      where.push(`EXISTS (SELECT 1 FROM execution_content ec JOIN processing_history h ON h.execution_uuid = ec.execution_id
                   JOIN workflow_access wa ON wa.workflow_id = h.workflow_uuid WHERE ec.content_id = c.content_id AND ${visible.sql})`);
      params.push(...visible.params);
    }
    const match = CONFIGS.map((cfg) => `(c.ts_config = '${cfg}' AND c.search_vector @@ q.${cfg})`).join(' OR ');
    // Ranked page first, headlines only for the rows of the page (ts_headline re-parses the text).
    const rows = await this.orm.em.fork().execute<Record<string, unknown>[]>(
      `WITH q AS (SELECT ${CONFIGS.map((cfg) => `websearch_to_tsquery('${cfg}', ?) AS ${cfg}`).join(', ')}),
       hits AS (
         SELECT c.content_id, c.name, c.category, c.tags, c.language, c.flux_id, c.ts_config, m.query,
                ts_rank(c.search_vector, m.query) AS rank
           FROM content_search c CROSS JOIN q
           CROSS JOIN LATERAL (SELECT CASE c.ts_config ${CONFIGS.map((cfg) => `WHEN '${cfg}' THEN q.${cfg}`).join(' ')} END AS query) m
          WHERE (${match}) ${where.length ? `AND ${where.join(' AND ')}` : ''}
          ORDER BY rank DESC, c.content_id
          LIMIT ? OFFSET ?)
       SELECT h.*, ts_headline(h.ts_config::regconfig, c.text, h.query, ?) AS snippet
         FROM hits h JOIN content_search c ON c.content_id = h.content_id
        ORDER BY h.rank DESC, h.content_id`,
      [...CONFIGS.map(() => q), ...params, query.limit + 1, offset, HEADLINE_OPTIONS],
    );
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((r) => ({
        contentId: String(r.content_id),
        name: String(r.name),
        snippet: snippetHtml(String(r.snippet)),
        rank: Number(r.rank),
        category: (r.category as string | null) ?? null,
        tags: (r.tags as string[]) ?? [],
        language: (r.language as string | null) ?? null,
        fluxId: String(r.flux_id),
      })),
      nextCursor: rows.length > query.limit ? Buffer.from(JSON.stringify({ o: offset + query.limit })).toString('base64url') : null,
    };
  }
}

function decodeCursor(raw: string): number {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { o?: unknown };
    if (Number.isInteger(c.o) && (c.o as number) >= 0 && (c.o as number) <= 100_000) return c.o as number;
  } catch {
    // fall through
  }
  throw new DomainError('PROCESSING.INVALID_CURSOR', 'The cursor is not one this API returned', 'invalid');
}
