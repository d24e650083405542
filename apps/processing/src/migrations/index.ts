import { MigrationObject } from '@mikro-orm/core';
import { Migration20261126070000EventBackbone } from './Migration20261126070000EventBackbone';
import { Migration20261126080000JobQueue } from './Migration20261126080000JobQueue';
import { Migration20261126090000ProcessingTables } from './Migration20261126090000ProcessingTables';

export const processingMigrations: MigrationObject[] = [
  { name: 'Migration20261126070000EventBackbone', class: Migration20261126070000EventBackbone },
  { name: 'Migration20261126080000JobQueue', class: Migration20261126080000JobQueue },
  { name: 'Migration20261126090000ProcessingTables', class: Migration20261126090000ProcessingTables },
];
