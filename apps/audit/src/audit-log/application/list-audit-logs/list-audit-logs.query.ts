import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { DomainError } from '@mindhill/domain';
import { apiKeys } from '@mindhill/persistence';
import { ListAuditLogsRequest } from './list-audit-logs.schema';

// t: the row's timestamp in microseconds since the epoch (PostgreSQL's own precision).
type Cursor = { t: string; id: string };

export type AuditLogPage = { items: Record<string, unknown>[]; nextCursor: string | null };

// Newest first with keyset pagination on (timestamp, id): a page costs the same at any depth
// and rows arriving meanwhile never shift the pages already read.
@Injectable()
export class ListAuditLogsQuery {
  constructor(private readonly orm: MikroORM) {}

  async execute(query: ListAuditLogsRequest): Promise<AuditLogPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (query.category) add('event_category = ?', query.category);
    if (query.type) add('event_type = ?', query.type);
    if (typeof query.userId === 'number') add('user_id = ?', query.userId);
    if (typeof query.userId === 'string') add('user_uuid = ?', query.userId);
    if (query.userEmail) add('lower(user_email) = lower(?)', query.userEmail);
    if (query.resourceType) add('resource_type = ?', query.resourceType);
    if (query.resourceId) add('resource_id = ?', query.resourceId);
    if (query.severity) add('severity = ?', query.severity);
    if (query.correlationId) add('correlation_id = ?', query.correlationId);
    if (query.from) add('timestamp >= ?', query.from);
    if (query.to) add('timestamp <= ?', query.to);
    if (query.cursor) {
      const c = decodeCursor(query.cursor);
      where.push(`(timestamp, id) < (timestamptz 'epoch' + ?::bigint * interval '1 microsecond', ?::bigint)`);
      params.push(c.t, c.id);
    }
    const rows = await this.orm.em.fork().execute<Record<string, unknown>[]>(
      `SELECT id, uuid, event_type, event_category, event_action, user_id, user_uuid, user_email, session_id, user_agent,
              host(ip_address) AS ip_address, resource_type, resource_id, resource_name, event_details, old_values, new_values,
              request_method, request_url, response_status, severity, risk_level, compliance_tags, retention_period_days,
              correlation_id, source_service, timestamp, created_at,
              (extract(epoch FROM timestamp) * 1000000)::bigint AS cursor_us
         FROM audit_logs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY timestamp DESC, id DESC LIMIT ?`,
      [...params, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > query.limit && last ? encodeCursor({ t: String(last.cursor_us), id: String(last.id) }) : null;
    return { items: page.map(toItem), nextCursor };
  }
}

// ISO 8601 timestamps, whatever form the driver hands back; the row's number as a string
// (BIGSERIAL); the seed's columns under the API's camelCase names (row-keys.ts: id is the uuid).
function toItem(row: Record<string, unknown>): Record<string, unknown> {
  const { id, timestamp, created_at, cursor_us: _cursor, ...rest } = row;
  return apiKeys({ ...rest, id: String(id), timestamp: iso(timestamp), created_at: iso(created_at) });
}

function iso(value: unknown): string {
  return new Date(value as string | Date).toISOString();
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (/^\d{1,17}$/.test(String(c.t)) && /^\d{1,19}$/.test(String(c.id))) return c;
  } catch {
    // fall through
  }
  throw new DomainError('AUDIT.INVALID_CURSOR', 'The cursor is not one this API returned', 'invalid');
}
