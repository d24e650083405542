import { Controller, HttpCode, Post } from '@nestjs/common';
import { assertAdmin, requestEventContext } from '@mindhill/platform';
import { ScrubAuditContentJob } from '../application/scrub-audit-content/scrub-audit-content.job';

@Controller('api/v1/audit-logs/scrub')
export class AuditScrubHttpController {
  constructor(private readonly scrubAuditContent: ScrubAuditContentJob) {}

  @Post()
  @HttpCode(200)
  run() {
    const context = requestEventContext();
    assertAdmin(context.actor, 'Scrubbing audit rows');
    return this.scrubAuditContent.run(context);
  }
}
