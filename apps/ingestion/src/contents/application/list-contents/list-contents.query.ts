import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { Who } from '@mindhill/domain';
import { COLUMNS, ContentView, contentsVisibleTo, toContentView } from '../../infrastructure/content.read-model';
import { decodeCursor, encodeCursor } from '../../../shared/keyset-cursor';
import { ListContentsQuery } from './list-contents.schema';

export type ContentPage = { items: ContentView[]; nextCursor: string | null };

// Fetched content metadata (never the bytes), in content-number order, keyset paged. With an
// executionId: every content item that execution's fetches saw, new or recognised.
@Injectable()
export class ListContentsQueryHandler {
  constructor(private readonly events: EventStore) {}

  async execute(query: ListContentsQuery, who: Who): Promise<ContentPage> {
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
    return { items: page.map(toContentView), nextCursor: rows.length > query.limit && last ? encodeCursor(Number(last.content_id)) : null };
  }
}
