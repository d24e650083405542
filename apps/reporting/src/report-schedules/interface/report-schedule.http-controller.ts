import { Controller, Get, Query } from '@nestjs/common';
import { Answer, ZodValidationPipe } from '@mindhill/platform';
import { PreviewReportScheduleQuery } from '../application/preview-report-schedule/preview-report-schedule.query';
import {
  previewReportScheduleAnswer,
  PreviewReportScheduleParams,
  previewReportScheduleParams,
} from '../application/preview-report-schedule/preview-report-schedule.schema';

// When a report schedule will fire, to check a cron expression and its zone before saving it.
@Controller('api/v1/report-schedules')
export class ReportScheduleHttpController {
  constructor(private readonly previewSchedule: PreviewReportScheduleQuery) {}

  @Get('preview')
  @Answer(previewReportScheduleAnswer)
  preview(@Query(new ZodValidationPipe(previewReportScheduleParams)) query: PreviewReportScheduleParams) {
    return this.previewSchedule.execute(query);
  }
}
