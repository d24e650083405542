import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { assertAdmin, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { ExecutionRetentionService } from './execution-retention.service';

const body = z.strictObject({ dryRun: z.boolean().default(true) });

@Controller('api/v1/executions/retention')
export class ExecutionRetentionHttpController {
  constructor(private readonly retention: ExecutionRetentionService) {}

  @Post()
  @HttpCode(200)
  run(@Body(new ZodValidationPipe(body)) input: z.infer<typeof body>) {
    const context = requestEventContext();
    assertAdmin(context.actor, 'Retention');
    return this.retention.run(input.dryRun, context);
  }
}
