import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import {
  ListReportExecutionsQuery,
  listReportExecutionsQuery,
  ReportExecutionPage,
  ReportExecutionQueries,
} from '../application/report-execution-queries/report-execution.queries';
import { RunReportBody, runReportBody } from '../application/run-report/run-report.dto';
import { RunReportHandler } from '../application/run-report/run-report.handler';
import { ReportExecutionView } from '../infrastructure/report-execution.record';

@Controller('api/v1')
export class ReportExecutionHttpController {
  constructor(
    private readonly runReport: RunReportHandler,
    private readonly queries: ReportExecutionQueries,
  ) {}

  @Post('reports/:id/executions')
  @HttpCode(202)
  run(@Param('id') id: string, @Body(new ZodValidationPipe(runReportBody)) body: RunReportBody): Promise<ReportExecutionView> {
    return this.runReport.execute(id, body, requestEventContext());
  }

  @Get('reports/:id/executions')
  list(
    @Param('id') id: string,
    @Query(new ZodValidationPipe(listReportExecutionsQuery)) query: ListReportExecutionsQuery,
  ): Promise<ReportExecutionPage> {
    return this.queries.listForReport(id, query, requestEventContext().actor);
  }

  @Get('report-executions/:id')
  get(@Param('id') id: string): Promise<ReportExecutionView> {
    return this.queries.get(id, requestEventContext().actor);
  }

  @Get('report-executions/:id/download')
  async download(@Param('id') id: string): Promise<StreamableFile> {
    const file = await this.queries.download(id, requestEventContext().actor);
    return new StreamableFile(file.stream, {
      type: file.contentType,
      length: file.length,
      disposition: `attachment; filename="${file.fileName}"`,
    });
  }
}
