import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { EventStore } from '@mindhill/persistence';
import { DomainError, Who } from '@mindhill/platform';
import { getReport, visibleReport } from '../../../reports/infrastructure/report.record';
import { CONTENT_TYPES } from '../../domain/report-renderer';
import { REPORT_OUTPUT, ReportOutputSettings } from '../render-report/render-report.job';
import { getExecution, ReportExecutionView, SELECT_EXECUTION, toExecutionView } from '../../infrastructure/report-execution.record';

export const listReportExecutionsQuery = z.strictObject({
  status: z.enum(['Created', 'InProgress', 'Success', 'Failed', 'Cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListReportExecutionsQuery = z.infer<typeof listReportExecutionsQuery>;
export type ReportExecutionPage = { items: ReportExecutionView[]; nextCursor: string | null };
export type ReportDownload = { stream: Readable; contentType: string; fileName: string; length: number };

@Injectable()
export class ReportExecutionQueries {
  constructor(
    private readonly events: EventStore,
    @Inject(REPORT_OUTPUT) private readonly settings: ReportOutputSettings,
  ) {}

  get(id: string, who: Who): Promise<ReportExecutionView> {
    return getExecution(this.events.readModel(), id, who);
  }

  // A report's runs, newest first, keyset-paginated on (created_at, id).
  async listForReport(reportId: string, query: ListReportExecutionsQuery, who: Who): Promise<ReportExecutionPage> {
    const em = this.events.readModel();
    const report = visibleReport(await getReport(em, reportId), who);
    const where = ['x.report_id = ?'];
    const params: unknown[] = [report.number];
    if (query.status) (where.push('x.status = ?'), params.push(query.status));
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

  async download(id: string, who: Who): Promise<ReportDownload> {
    const execution = await this.get(id, who);
    if (execution.status === 'Created' || execution.status === 'InProgress') {
      throw new DomainError('REPORTING.NOT_READY', 'The report is still rendering; poll the execution until it is Success', 'conflict', {
        status: execution.status,
      });
    }
    const notFound = () =>
      new DomainError('REPORTING.OUTPUT_NOT_FOUND', 'This execution has no output file', 'not-found', { status: execution.status });
    if (execution.status !== 'Success' || !execution.outputFilePath) throw notFound();
    const root = path.resolve(this.settings.outputDir);
    const file = path.resolve(root, execution.outputFilePath);
    // The path comes from our own event, but never serve anything outside the output directory.
    if (!file.startsWith(`${root}${path.sep}`)) throw notFound();
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw notFound();
    return {
      stream: createReadStream(file),
      contentType: CONTENT_TYPES[execution.outputFormat],
      length: info.size,
      fileName: `report-${execution.reportNumber}-run-${execution.number}.${execution.outputFormat}`,
    };
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
