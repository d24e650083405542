import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { assertAdmin, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { AuditRetentionService } from './audit-retention.service';

// Dry run unless asked otherwise: removing audit history is never the default.
const retentionBody = z.strictObject({ dryRun: z.boolean().default(true) });

@Controller('api/v1/audit-logs/retention')
export class AuditRetentionHttpController {
  constructor(private readonly retention: AuditRetentionService) {}

  @Post()
  @HttpCode(200)
  run(@Body(new ZodValidationPipe(retentionBody)) body: z.infer<typeof retentionBody>) {
    const context = requestEventContext();
    assertAdmin(context.actor, 'Retention');
    return this.retention.run(body.dryRun, context);
  }
}
