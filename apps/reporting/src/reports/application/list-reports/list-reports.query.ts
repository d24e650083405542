import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { DomainError, Who } from '@mindhill/platform';
import { reportsVisibleTo, ReportView, toReportRecord, toReportView } from '../../infrastructure/report.read-model';
import { ListReportsRequest } from './list-reports.schema';

export type ReportPage = { items: ReportView[]; nextCursor: string | null };

// The reports the caller may see, newest first, keyset pagination on (created_at, id): stable
// pages at any depth.
@Injectable()
export class ListReportsQuery {
  constructor(private readonly events: EventStore) {}

  async execute(query: ListReportsRequest, who: Who): Promise<ReportPage> {
    const visible = reportsVisibleTo(who);
    const where: string[] = [visible.sql];
    const params: unknown[] = [...visible.params];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (query.status) add('status = ?', query.status);
    if (query.category) add('category = ?', query.category);
    if (query.type) add('report_type = ?', query.type);
    if (query.name) add(`lower(report_name) LIKE ? ESCAPE '\\'`, `%${query.name.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`);
    if (query.cursor) {
      const c = decodeCursor(query.cursor);
      where.push(`(created_at, id) < (timestamptz 'epoch' + ?::bigint * interval '1 microsecond', ?::int)`);
      params.push(c.t, c.id);
    }
    const rows = await this.events.readModel().execute<Record<string, unknown>[]>(
      `SELECT *, (extract(epoch FROM created_at) * 1000000)::bigint AS cursor_us FROM flux_reports
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`,
      [...params, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > query.limit && last
        ? Buffer.from(JSON.stringify({ t: String(last.cursor_us), id: Number(last.id) })).toString('base64url')
        : null;
    return { items: page.map((r) => toReportView(toReportRecord(r))), nextCursor };
  }
}

function decodeCursor(raw: string): { t: string; id: number } {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { t: string; id: number };
    if (/^\d{1,17}$/.test(String(c.t)) && Number.isInteger(c.id) && c.id > 0) return c;
  } catch {
    // fall through
  }
  throw new DomainError('REPORTING.INVALID_CURSOR', 'The cursor is not one this API returned', 'invalid');
}
