import { MigrationObject } from '@mikro-orm/core';
import { Migration20261126070000EventBackbone } from './Migration20261126070000EventBackbone';

export const ingestionMigrations: MigrationObject[] = [
  { name: 'Migration20261126070000EventBackbone', class: Migration20261126070000EventBackbone },
];
