import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { DomainError, Who } from '@mindhill/platform';
import { visibleReport } from '../../../reports/domain/report.decider';
import { findReport } from '../../../reports/infrastructure/report.read-model';
import { ReportExecutionView, SELECT_EXECUTION, toExecutionView } from '../../infrastructure/report-execution.read-model';
import { ListReportExecutionsRequest } from './list-report-executions.schema';

export type ReportExecutionPage = { items: ReportExecutionView[]; nextCursor: string | null };

// A report's runs, if the caller may see the report: newest first, keyset-paginated on (created_at, id).
@Injectable()
export class ListReportExecutionsQuery {
  constructor(private readonly events: EventStore) {}

  async execute(reportId: string, query: ListReportExecutionsRequest, who: Who): Promise<ReportExecutionPage> {
    const em = this.events.readModel();
    const report = visibleReport(await findReport(em, reportId), who);
    const where = ['x.report_id = ?'];
    const params: unknown[] = [report.number];
    if (query.status) {
      where.push('x.status = ?');
      params.push(query.status);
    }
    if (query.cursor) {
      const c = decodeCursor(query.cursor);
      where.push(`(x.created_at, x.id) < (timestamptz 'epoch' + ?::bigint * interval '1 microsecond', ?::int)`);
      params.push(c.t, c.id);
    }
    const rows = await em.execute<Record<string, unknown>[]>(
      `${SELECT_EXECUTION} WHERE ${where.join(' AND ')} ORDER BY x.created_at DESC, x.id DESC LIMIT ?`,
      [...params, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > query.limit && last
        ? Buffer.from(JSON.stringify({ t: String(last.cursor_us), id: Number(last.id) })).toString('base64url')
        : null;
    return { items: page.map(toExecutionView), nextCursor };
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
