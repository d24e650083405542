import { Controller, Get } from '@nestjs/common';
import { Answer, assertAdmin, requestEventContext } from '@mindhill/platform';
import { GetDatabaseHealthQuery } from '../application/get-database-health/get-database-health.query';
import { databaseHealthAnswer } from '../application/get-database-health/get-database-health.schema';

// Admin only: `npm run db:health` as an API, with the last backup's age.
@Controller('api/v1/admin/database-health')
export class DatabaseHealthHttpController {
  constructor(private readonly health: GetDatabaseHealthQuery) {}

  @Get()
  @Answer(databaseHealthAnswer)
  get() {
    assertAdmin(requestEventContext().actor, 'Database health');
    return this.health.execute();
  }
}
