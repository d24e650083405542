import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { ArchiveReportHandler } from '../application/archive-report/archive-report.handler';
import { CreateReportBody, createReportBody } from '../application/create-report/create-report.dto';
import { CreateReportHandler } from '../application/create-report/create-report.handler';
import { ListReportsQuery, listReportsQuery } from '../application/list-reports/list-reports.dto';
import { ReportPage, ReportQueries } from '../application/list-reports/list-reports.query';
import { UpdateReportBody, updateReportBody } from '../application/update-report/update-report.dto';
import { UpdateReportHandler } from '../application/update-report/update-report.handler';
import { ReportView } from '../infrastructure/report.record';

@Controller('api/v1/reports')
export class ReportHttpController {
  constructor(
    private readonly createReport: CreateReportHandler,
    private readonly updateReport: UpdateReportHandler,
    private readonly archiveReport: ArchiveReportHandler,
    private readonly queries: ReportQueries,
  ) {}

  @Post()
  @HttpCode(201)
  create(@Body(new ZodValidationPipe(createReportBody)) body: CreateReportBody): Promise<ReportView> {
    return this.createReport.execute(body, requestEventContext());
  }

  @Get()
  list(@Query(new ZodValidationPipe(listReportsQuery)) query: ListReportsQuery): Promise<ReportPage> {
    return this.queries.list(query, requestEventContext().actor);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<ReportView> {
    return this.queries.get(id, requestEventContext().actor);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body(new ZodValidationPipe(updateReportBody)) body: UpdateReportBody): Promise<ReportView> {
    return this.updateReport.execute(id, body, requestEventContext());
  }

  @Post(':id/archive')
  @HttpCode(200)
  archive(@Param('id') id: string): Promise<ReportView> {
    return this.archiveReport.execute(id, requestEventContext());
  }
}
