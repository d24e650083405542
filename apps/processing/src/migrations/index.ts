import { MigrationObject } from '@mikro-orm/core';
import { Migration20261126070000EventBackbone } from './Migration20261126070000EventBackbone';
import { Migration20261126080000JobQueue } from './Migration20261126080000JobQueue';
import { Migration20261126090000ProcessingTables } from './Migration20261126090000ProcessingTables';
import { Migration20261206090000WorkflowAccess } from './Migration20261206090000WorkflowAccess';
import { Migration20261206130000JobQueueLimits } from './Migration20261206130000JobQueueLimits';

export const processingMigrations: MigrationObject[] = [
  { name: 'Migration20261126070000EventBackbone', class: Migration20261126070000EventBackbone },
  { name: 'Migration20261126080000JobQueue', class: Migration20261126080000JobQueue },
  { name: 'Migration20261126090000ProcessingTables', class: Migration20261126090000ProcessingTables },
  { name: 'Migration20261206090000WorkflowAccess', class: Migration20261206090000WorkflowAccess },
  { name: 'Migration20261206130000JobQueueLimits', class: Migration20261206130000JobQueueLimits },
];
