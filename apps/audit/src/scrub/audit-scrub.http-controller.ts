import { Controller, HttpCode, Post } from '@nestjs/common';
import { assertAdmin, requestEventContext } from '@mindhill/platform';
import { AuditScrubService } from './audit-scrub.service';

@Controller('api/v1/audit-logs/scrub')
export class AuditScrubHttpController {
  constructor(private readonly scrub: AuditScrubService) {}

  @Post()
  @HttpCode(200)
  run() {
    const context = requestEventContext();
    assertAdmin(context.actor, 'Scrubbing audit rows');
    return this.scrub.run(context);
  }
}
