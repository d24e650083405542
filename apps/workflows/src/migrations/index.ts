import { MigrationObject } from '@mikro-orm/core';
import { Migration20261126070000EventBackbone } from './Migration20261126070000EventBackbone';
import { Migration20261126080000JobQueue } from './Migration20261126080000JobQueue';
import { Migration20261126081000Workflows } from './Migration20261126081000Workflows';
import { Migration20261206090000Access } from './Migration20261206090000Access';
import { Migration20261206110000UserRoles } from './Migration20261206110000UserRoles';
import { Migration20261206130000JobQueueLimits } from './Migration20261206130000JobQueueLimits';
import { Migration20261206140000TrendNoData } from './Migration20261206140000TrendNoData';
import { Migration20261206150000StageCancelled } from './Migration20261206150000StageCancelled';
import { Migration20261206163000RunPriority } from './Migration20261206163000RunPriority';
import { Migration20261206183000ExecutionsNewestFirst } from './Migration20261206183000ExecutionsNewestFirst';
import { Migration20261206203000RunInputs } from './Migration20261206203000RunInputs';
import { Migration20261206213000RerunOf } from './Migration20261206213000RerunOf';

export const workflowsMigrations: MigrationObject[] = [
  { name: 'Migration20261126070000EventBackbone', class: Migration20261126070000EventBackbone },
  { name: 'Migration20261126080000JobQueue', class: Migration20261126080000JobQueue },
  { name: 'Migration20261126081000Workflows', class: Migration20261126081000Workflows },
  { name: 'Migration20261206090000Access', class: Migration20261206090000Access },
  { name: 'Migration20261206110000UserRoles', class: Migration20261206110000UserRoles },
  { name: 'Migration20261206130000JobQueueLimits', class: Migration20261206130000JobQueueLimits },
  { name: 'Migration20261206140000TrendNoData', class: Migration20261206140000TrendNoData },
  { name: 'Migration20261206150000StageCancelled', class: Migration20261206150000StageCancelled },
  { name: 'Migration20261206163000RunPriority', class: Migration20261206163000RunPriority },
  { name: 'Migration20261206183000ExecutionsNewestFirst', class: Migration20261206183000ExecutionsNewestFirst },
  { name: 'Migration20261206203000RunInputs', class: Migration20261206203000RunInputs },
  { name: 'Migration20261206213000RerunOf', class: Migration20261206213000RerunOf },
];
