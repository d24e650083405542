import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { ArchiveExecutionsHandler } from '../application/archive-executions/archive-executions.handler';
import {
  archiveExecutionsAnswer,
  ArchiveExecutionsBody,
  archiveExecutionsBody,
} from '../application/archive-executions/archive-executions.schema';

@Controller('api/v1/executions/retention')
export class ExecutionRetentionHttpController {
  constructor(private readonly archiveExecutions: ArchiveExecutionsHandler) {}

  @Post()
  @HttpCode(200)
  @Answer(archiveExecutionsAnswer)
  run(@Body(new ZodValidationPipe(archiveExecutionsBody)) body: ArchiveExecutionsBody) {
    return this.archiveExecutions.execute(body, requestEventContext());
  }
}
