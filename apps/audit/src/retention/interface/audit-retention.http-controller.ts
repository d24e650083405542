import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Answer, assertAdmin, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { ApplyAuditRetentionJob } from '../application/apply-audit-retention/apply-audit-retention.job';
import {
  ApplyAuditRetentionRequest,
  applyAuditRetentionSchema,
  auditRetentionAnswer,
} from '../application/apply-audit-retention/apply-audit-retention.schema';

@Controller('api/v1/audit-logs/retention')
export class AuditRetentionHttpController {
  constructor(private readonly applyRetention: ApplyAuditRetentionJob) {}

  @Post()
  @HttpCode(200)
  @Answer(auditRetentionAnswer)
  run(@Body(new ZodValidationPipe(applyAuditRetentionSchema)) body: ApplyAuditRetentionRequest) {
    const context = requestEventContext();
    assertAdmin(context.actor, 'Retention');
    return this.applyRetention.run(body.dryRun, context);
  }
}
