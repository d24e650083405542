import { Module } from '@nestjs/common';
import { ScrubAuditContentJob } from './application/scrub-audit-content/scrub-audit-content.job';
import { AuditScrubHttpController } from './interface/audit-scrub.http-controller';

// Removing content fields from old audit rows: at start-up, and on an admin's request.
@Module({
  controllers: [AuditScrubHttpController],
  providers: [ScrubAuditContentJob],
})
export class ScrubModule {}
