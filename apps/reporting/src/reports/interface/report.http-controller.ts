import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { ArchiveReportHandler } from '../application/archive-report/archive-report.handler';
import { CreateReportHandler } from '../application/create-report/create-report.handler';
import { CreateReportRequest, createReportSchema } from '../application/create-report/create-report.schema';
import { GetReportQuery } from '../application/get-report/get-report.query';
import { ListReportsQuery, ReportPage } from '../application/list-reports/list-reports.query';
import { ListReportsRequest, listReportsSchema } from '../application/list-reports/list-reports.schema';
import { UpdateReportHandler } from '../application/update-report/update-report.handler';
import { UpdateReportRequest, updateReportSchema } from '../application/update-report/update-report.schema';
import { ReportView } from '../infrastructure/report.read-model';
import { reportAnswer, reportPageAnswer } from '../application/get-report/get-report.schema';

@Controller('api/v1/reports')
export class ReportHttpController {
  constructor(
    private readonly createReport: CreateReportHandler,
    private readonly updateReport: UpdateReportHandler,
    private readonly archiveReport: ArchiveReportHandler,
    private readonly listReports: ListReportsQuery,
    private readonly getReport: GetReportQuery,
  ) {}

  @Post()
  @HttpCode(201)
  @Answer(reportAnswer)
  create(@Body(new ZodValidationPipe(createReportSchema)) body: CreateReportRequest): Promise<ReportView> {
    return this.createReport.execute(body, requestEventContext());
  }

  @Get()
  @Answer(reportPageAnswer)
  list(@Query(new ZodValidationPipe(listReportsSchema)) query: ListReportsRequest): Promise<ReportPage> {
    return this.listReports.execute(query, requestEventContext().actor);
  }

  @Get(':id')
  @Answer(reportAnswer)
  get(@Param('id') id: string): Promise<ReportView> {
    return this.getReport.execute(id, requestEventContext().actor);
  }

  @Patch(':id')
  @Answer(reportAnswer)
  update(@Param('id') id: string, @Body(new ZodValidationPipe(updateReportSchema)) body: UpdateReportRequest): Promise<ReportView> {
    return this.updateReport.execute(id, body, requestEventContext());
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Answer(reportAnswer)
  archive(@Param('id') id: string): Promise<ReportView> {
    return this.archiveReport.execute(id, requestEventContext());
  }
}
