import { Controller, HttpCode, Post } from '@nestjs/common';
import { Answer, assertAdmin, requestEventContext } from '@mindhill/platform';
import { ScrubAuditContentJob } from '../application/scrub-audit-content/scrub-audit-content.job';
import { scrubReportAnswer } from '../application/scrub-audit-content/scrub-audit-content.schema';

@Controller('api/v1/audit-logs/scrub')
export class AuditScrubHttpController {
  constructor(private readonly scrubAuditContent: ScrubAuditContentJob) {}

  @Post()
  @HttpCode(200)
  @Answer(scrubReportAnswer)
  run() {
    const context = requestEventContext();
    assertAdmin(context.actor, 'Scrubbing audit rows');
    return this.scrubAuditContent.run(context);
  }
}
