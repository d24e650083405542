import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { Who } from '@mindhill/domain';
import { DataSourceRow, dataSourcesVisibleTo, DataSourceView, toView } from '../../infrastructure/data-source.repository';
import { ListDataSourcesQuery } from './list-data-sources.schema';
import { decodeCursor, encodeCursor } from '../../../shared/keyset-cursor';

export type DataSourcePage = { items: DataSourceView[]; nextCursor: string | null };

// Newest first, keyset on the flux number.
@Injectable()
export class ListDataSourcesQueryHandler {
  constructor(private readonly events: EventStore) {}

  async execute(query: ListDataSourcesQuery, who: Who): Promise<DataSourcePage> {
    const visible = dataSourcesVisibleTo(who);
    const where: string[] = [visible.sql];
    const params: unknown[] = [...visible.params];
    if (query.status !== 'all') {
      where.push('status = ?');
      params.push(query.status);
    }
    if (query.type) {
      where.push('source_type = ?');
      params.push(query.type);
    }
    if (query.cursor) {
      where.push('id < ?');
      params.push(decodeCursor(query.cursor));
    }
    const rows = await this.events
      .readModel()
      .execute<DataSourceRow[]>(`SELECT * FROM data_sources d WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`, [
        ...params,
        query.limit + 1,
      ]);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page.map(toView), nextCursor: rows.length > query.limit && last ? encodeCursor(last.id) : null };
  }
}
