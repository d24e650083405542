import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { currentContext, DomainError, systemContext, ZodValidationPipe } from '@mindhill/platform';
import { ExecutionRetentionService } from './execution-retention.service';

const body = z.strictObject({ dryRun: z.boolean().default(true) });

@Controller('api/v1/executions/retention')
export class ExecutionRetentionHttpController {
  constructor(private readonly retention: ExecutionRetentionService) {}

  @Post()
  @HttpCode(200)
  run(@Body(new ZodValidationPipe(body)) input: z.infer<typeof body>) {
    const ctx = currentContext() ?? systemContext();
    if (ctx.actor.role !== 'admin') throw new DomainError('AUTH.FORBIDDEN', 'Retention is for admins', 'forbidden');
    return this.retention.run(input.dryRun, { correlationId: ctx.correlationId, causationId: null, actor: ctx.actor });
  }
}
