import { Injectable } from '@nestjs/common';
import { DomainError, Who } from '@mindhill/domain';
import { EventStore } from '@mindhill/persistence';
import { COLUMNS, ContentView, contentsVisibleTo, toContentView } from '../../infrastructure/content.read-model';

// One content item's metadata, if the caller may see it (404 otherwise, as for a missing one).
@Injectable()
export class GetContentQueryHandler {
  constructor(private readonly events: EventStore) {}

  async execute(id: string, who: Who): Promise<ContentView> {
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
    return toContentView(rows[0]);
  }
}
