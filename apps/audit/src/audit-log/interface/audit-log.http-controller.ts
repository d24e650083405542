import { Controller, Get, Query } from '@nestjs/common';
import { assertAdmin, currentContext, ZodValidationPipe } from '@mindhill/platform';
import { ListAuditLogsQuery, listAuditLogsQuery } from '../application/list-audit-logs/list-audit-logs.dto';
import { AuditLogPage, ListAuditLogsQueryHandler } from '../application/list-audit-logs/list-audit-logs.query';

@Controller('api/v1/audit-logs')
export class AuditLogHttpController {
  constructor(private readonly list: ListAuditLogsQueryHandler) {}

  @Get()
  find(@Query(new ZodValidationPipe(listAuditLogsQuery)) query: ListAuditLogsQuery): Promise<AuditLogPage> {
    // The gateway already enforces this; checked again so the rule holds whoever calls.
    assertAdmin(currentContext()?.actor, 'The audit log');
    return this.list.execute(query);
  }
}
