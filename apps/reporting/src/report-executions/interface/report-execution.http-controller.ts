import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { Answer, fileAnswer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { DownloadReportFileQuery } from '../application/download-report-file/download-report-file.query';
import { GetReportExecutionQuery } from '../application/get-report-execution/get-report-execution.query';
import { ListReportExecutionsQuery, ReportExecutionPage } from '../application/list-report-executions/list-report-executions.query';
import {
  ListReportExecutionsRequest,
  listReportExecutionsSchema,
} from '../application/list-report-executions/list-report-executions.schema';
import { RunReportHandler } from '../application/run-report/run-report.handler';
import { RunReportRequest, runReportSchema } from '../application/run-report/run-report.schema';
import { ReportExecutionView } from '../infrastructure/report-execution.read-model';
import { reportExecutionAnswer, reportExecutionPageAnswer } from '../application/get-report-execution/get-report-execution.schema';

@Controller('api/v1')
export class ReportExecutionHttpController {
  constructor(
    private readonly runReport: RunReportHandler,
    private readonly listReportExecutions: ListReportExecutionsQuery,
    private readonly getReportExecution: GetReportExecutionQuery,
    private readonly downloadReportFile: DownloadReportFileQuery,
  ) {}

  @Post('reports/:id/executions')
  @HttpCode(202)
  @Answer(reportExecutionAnswer)
  run(@Param('id') id: string, @Body(new ZodValidationPipe(runReportSchema)) body: RunReportRequest): Promise<ReportExecutionView> {
    return this.runReport.execute(id, body, requestEventContext());
  }

  @Get('reports/:id/executions')
  @Answer(reportExecutionPageAnswer)
  list(
    @Param('id') id: string,
    @Query(new ZodValidationPipe(listReportExecutionsSchema)) query: ListReportExecutionsRequest,
  ): Promise<ReportExecutionPage> {
    return this.listReportExecutions.execute(id, query, requestEventContext().actor);
  }

  @Get('report-executions/:id')
  @Answer(reportExecutionAnswer)
  get(@Param('id') id: string): Promise<ReportExecutionView> {
    return this.getReportExecution.execute(id, requestEventContext().actor);
  }

  // Always an attachment, never sniffed: an HTML report holds user-provided text and must not be
  // rendered as a page of our origin.
  @Get('report-executions/:id/download')
  @Header('X-Content-Type-Options', 'nosniff')
  @Answer(fileAnswer)
  async download(@Param('id') id: string): Promise<StreamableFile> {
    const file = await this.downloadReportFile.execute(id, requestEventContext().actor);
    return new StreamableFile(file.stream, {
      type: file.contentType,
      length: file.length,
      disposition: `attachment; filename="${file.fileName}"`,
    });
  }
}
