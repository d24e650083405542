import { Injectable } from '@nestjs/common';
import { seesEverything, Who } from '@mindhill/domain';
import { EventStore, workflowAccessVisibleTo } from '@mindhill/persistence';
import { decodeCursor, encodeCursor } from '../../../shared/keyset-cursor';
import { ListFetchingsQuery } from './list-fetchings.schema';

export type FetchingPage = { items: Record<string, unknown>[]; nextCursor: string | null };

// fetching_history rows, newest first, keyset on fetching_id.
@Injectable()
export class ListFetchingsQueryHandler {
  constructor(private readonly events: EventStore) {}

  async execute(query: ListFetchingsQuery, who: Who): Promise<FetchingPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    // A fetching follows the workflow whose execution made it.
    if (!seesEverything(who)) {
      const visible = workflowAccessVisibleTo(who);
      where.push(`EXISTS (SELECT 1 FROM workflow_access wa WHERE wa.workflow_id = fetching_history.workflow_id AND ${visible.sql})`);
      params.push(...visible.params);
    }
    if (query.executionId) {
      where.push('execution_id = ?');
      params.push(query.executionId);
    }
    if (query.fluxId) {
      where.push('? = ANY(flux_ids)');
      params.push(query.fluxId);
    }
    if (query.cursor) {
      where.push('fetching_id < ?');
      params.push(decodeCursor(query.cursor));
    }
    const rows = await this.events
      .readModel()
      .execute<Record<string, unknown>[]>(
        `SELECT * FROM fetching_history ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY fetching_id DESC LIMIT ?`,
        [...params, query.limit + 1],
      );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page.map(toView), nextCursor: rows.length > query.limit && last ? encodeCursor(Number(last.fetching_id)) : null };
  }
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

function toView(r: Record<string, unknown>): Record<string, unknown> {
  return {
    id: r.uuid,
    fetchingId: num(r.fetching_id),
    fluxNumber: num(r.flux_id),
    fluxIds: r.flux_ids,
    executionId: r.execution_id,
    stageOrder: num(r.stage_order),
    attempt: num(r.attempt),
    status: r.status,
    startedAt: iso(r.started_at),
    completedAt: iso(r.completed_at),
    fetchingTimeSeconds: num(r.fetching_time_seconds),
    dataSourceUrl: r.data_source_url,
    dataSourceType: r.data_source_type,
    dataSourceConfig: r.data_source_config,
    numberOfContent: num(r.number_of_content),
    totalSizeBytes: num(r.total_size_bytes),
    contentTypes: r.content_types,
    duplicates: num(r.duplicates),
    throughputMbps: num(r.throughput_mbps),
    requestsPerSecond: num(r.requests_per_second),
    averageResponseTimeMs: num(r.average_response_time_ms),
    errorMessage: r.error_message,
    errorCount: num(r.error_count),
    retryAttempts: num(r.retry_attempts),
    failedItems: r.failed_items,
    fetchingConfig: r.fetching_config,
    headersSent: r.headers_sent,
    headersReceived: r.headers_received,
    createdAt: iso(r.created_at),
  };
}
