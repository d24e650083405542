import { Controller, Get, Query } from '@nestjs/common';
import { Answer, assertAdmin, currentContext, ZodValidationPipe } from '@mindhill/platform';
import { AuditLogPage, ListAuditLogsQuery } from '../application/list-audit-logs/list-audit-logs.query';
import { auditLogPageAnswer, ListAuditLogsRequest, listAuditLogsSchema } from '../application/list-audit-logs/list-audit-logs.schema';

@Controller('api/v1/audit-logs')
export class AuditLogHttpController {
  constructor(private readonly listAuditLogs: ListAuditLogsQuery) {}

  @Get()
  @Answer(auditLogPageAnswer)
  find(@Query(new ZodValidationPipe(listAuditLogsSchema)) query: ListAuditLogsRequest): Promise<AuditLogPage> {
    // The gateway already enforces this; checked again so the rule holds whoever calls.
    assertAdmin(currentContext()?.actor, 'The audit log');
    return this.listAuditLogs.execute(query);
  }
}
