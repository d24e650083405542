import { MigrationObject } from '@mikro-orm/core';
import { Migration20261126070000EventBackbone } from './Migration20261126070000EventBackbone';
import { Migration20261126080000JobQueue } from './Migration20261126080000JobQueue';
import { Migration20261126090000Ingestion } from './Migration20261126090000Ingestion';
import { Migration20261206090000WebhookReplayGuard } from './Migration20261206090000WebhookReplayGuard';
import { Migration20261206100000NamePerOwner } from './Migration20261206100000NamePerOwner';
import { Migration20261206090000Access } from './Migration20261206090000Access';
import { Migration20261206130000JobQueueLimits } from './Migration20261206130000JobQueueLimits';

export const ingestionMigrations: MigrationObject[] = [
  { name: 'Migration20261126070000EventBackbone', class: Migration20261126070000EventBackbone },
  { name: 'Migration20261126080000JobQueue', class: Migration20261126080000JobQueue },
  { name: 'Migration20261126090000Ingestion', class: Migration20261126090000Ingestion },
  { name: 'Migration20261206090000WebhookReplayGuard', class: Migration20261206090000WebhookReplayGuard },
  { name: 'Migration20261206090000Access', class: Migration20261206090000Access },
  { name: 'Migration20261206100000NamePerOwner', class: Migration20261206100000NamePerOwner },
  { name: 'Migration20261206130000JobQueueLimits', class: Migration20261206130000JobQueueLimits },
];
