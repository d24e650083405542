import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { ExpireReportFilesHandler } from '../application/expire-report-files/expire-report-files.handler';
import { ExpireReportFilesBody, expireReportFilesBody } from '../application/expire-report-files/expire-report-files.schema';
import { retentionReceiptSchema } from '@mindhill/contracts';

@Controller('api/v1/report-executions/retention')
export class ReportRetentionHttpController {
  constructor(private readonly expireReportFiles: ExpireReportFilesHandler) {}

  @Post()
  @HttpCode(200)
  @Answer(retentionReceiptSchema)
  run(@Body(new ZodValidationPipe(expireReportFilesBody)) body: ExpireReportFilesBody) {
    return this.expireReportFiles.execute(body, requestEventContext());
  }
}
