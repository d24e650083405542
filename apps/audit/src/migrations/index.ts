import { MigrationObject } from '@mikro-orm/core';
import { Migration20261126070000EventBackbone } from './Migration20261126070000EventBackbone';
import { Migration20261126070200AuditLogs } from './Migration20261126070200AuditLogs';
import { Migration20261126084000DeadLetters } from './Migration20261126084000DeadLetters';
import { Migration20261126085000AuditJobs } from './Migration20261126085000AuditJobs';
import { Migration20261206130000JobQueueLimits } from './Migration20261206130000JobQueueLimits';

export const auditMigrations: MigrationObject[] = [
  { name: 'Migration20261126070000EventBackbone', class: Migration20261126070000EventBackbone },
  { name: 'Migration20261126070200AuditLogs', class: Migration20261126070200AuditLogs },
  { name: 'Migration20261126084000DeadLetters', class: Migration20261126084000DeadLetters },
  { name: 'Migration20261126085000AuditJobs', class: Migration20261126085000AuditJobs },
  { name: 'Migration20261206130000JobQueueLimits', class: Migration20261206130000JobQueueLimits },
];
