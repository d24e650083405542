import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { ExpireReportFilesHandler } from '../application/expire-report-files/expire-report-files.handler';
import { ExpireReportFilesBody, expireReportFilesBody } from '../application/expire-report-files/expire-report-files.schema';

@Controller('api/v1/report-executions/retention')
export class ReportRetentionHttpController {
  constructor(private readonly expireReportFiles: ExpireReportFilesHandler) {}

  @Post()
  @HttpCode(200)
  run(@Body(new ZodValidationPipe(expireReportFilesBody)) body: ExpireReportFilesBody) {
    return this.expireReportFiles.execute(body, requestEventContext());
  }
}
