import { Module } from '@nestjs/common';
import { ArchiveReportHandler } from './application/archive-report/archive-report.handler';
import { CreateReportHandler } from './application/create-report/create-report.handler';
import { GetReportQuery } from './application/get-report/get-report.query';
import { ListReportsQuery } from './application/list-reports/list-reports.query';
import { UpdateReportHandler } from './application/update-report/update-report.handler';
import { ReportHttpController } from './interface/report.http-controller';

// Report definitions: create, change, archive, list, read.
@Module({
  controllers: [ReportHttpController],
  providers: [CreateReportHandler, UpdateReportHandler, ArchiveReportHandler, ListReportsQuery, GetReportQuery],
})
export class ReportsModule {}
