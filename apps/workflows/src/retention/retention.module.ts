import { Module } from '@nestjs/common';
import { ArchiveExecutionsHandler } from './application/archive-executions/archive-executions.handler';
import { ArchiveExecutionsJob } from './application/archive-executions/archive-executions.job';
import { ExecutionRetentionHttpController } from './interface/execution-retention.http-controller';

// Archiving finished executions past the retention period: on an admin's request and daily.
@Module({
  controllers: [ExecutionRetentionHttpController],
  providers: [ArchiveExecutionsHandler, ArchiveExecutionsJob],
  exports: [ArchiveExecutionsJob],
})
export class RetentionModule {}
