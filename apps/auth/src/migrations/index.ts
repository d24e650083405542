import { MigrationObject } from '@mikro-orm/core';
import { Migration20261126070000EventBackbone } from './Migration20261126070000EventBackbone';
import { Migration20261126070100Users } from './Migration20261126070100Users';
import { Migration20261126083000Sessions } from './Migration20261126083000Sessions';
import { Migration20261126090000Identity } from './Migration20261126090000Identity';
import { Migration20261126120000SigningKeys } from './Migration20261126120000SigningKeys';
import { Migration20261206164000MailQueue } from './Migration20261206164000MailQueue';

// Listed explicitly so the same list runs from TypeScript (tests) and compiled JavaScript.
export const authMigrations: MigrationObject[] = [
  { name: 'Migration20261126070000EventBackbone', class: Migration20261126070000EventBackbone },
  { name: 'Migration20261126070100Users', class: Migration20261126070100Users },
  { name: 'Migration20261126083000Sessions', class: Migration20261126083000Sessions },
  { name: 'Migration20261126090000Identity', class: Migration20261126090000Identity },
  { name: 'Migration20261126120000SigningKeys', class: Migration20261126120000SigningKeys },
  { name: 'Migration20261206164000MailQueue', class: Migration20261206164000MailQueue },
];
