import { MigrationObject } from '@mikro-orm/core';
import { Migration20261126070000EventBackbone } from './Migration20261126070000EventBackbone';
import { Migration20261126080000JobQueue } from './Migration20261126080000JobQueue';
import { Migration20261126090000Reports } from './Migration20261126090000Reports';
import { Migration20261126090100ReadModels } from './Migration20261126090100ReadModels';
import { Migration20261206090000Access } from './Migration20261206090000Access';
import { Migration20261206110000UserRoles } from './Migration20261206110000UserRoles';
import { Migration20261206130000JobQueueLimits } from './Migration20261206130000JobQueueLimits';
import { Migration20261206161000ReportDeliveries } from './Migration20261206161000ReportDeliveries';
import { Migration20261206162000ReportFileExpiry } from './Migration20261206162000ReportFileExpiry';

export const reportingMigrations: MigrationObject[] = [
  { name: 'Migration20261126070000EventBackbone', class: Migration20261126070000EventBackbone },
  { name: 'Migration20261126080000JobQueue', class: Migration20261126080000JobQueue },
  { name: 'Migration20261126090000Reports', class: Migration20261126090000Reports },
  { name: 'Migration20261126090100ReadModels', class: Migration20261126090100ReadModels },
  { name: 'Migration20261206090000Access', class: Migration20261206090000Access },
  { name: 'Migration20261206110000UserRoles', class: Migration20261206110000UserRoles },
  { name: 'Migration20261206130000JobQueueLimits', class: Migration20261206130000JobQueueLimits },
  { name: 'Migration20261206161000ReportDeliveries', class: Migration20261206161000ReportDeliveries },
  { name: 'Migration20261206162000ReportFileExpiry', class: Migration20261206162000ReportFileExpiry },
];
