import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { ArchiveExecutionsHandler } from '../application/archive-executions/archive-executions.handler';
import { ArchiveExecutionsBody, archiveExecutionsBody } from '../application/archive-executions/archive-executions.schema';

@Controller('api/v1/executions/retention')
export class ExecutionRetentionHttpController {
  constructor(private readonly archiveExecutions: ArchiveExecutionsHandler) {}

  @Post()
  @HttpCode(200)
  run(@Body(new ZodValidationPipe(archiveExecutionsBody)) body: ArchiveExecutionsBody) {
    return this.archiveExecutions.execute(body, requestEventContext());
  }
}
