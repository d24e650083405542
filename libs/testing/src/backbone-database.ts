import { Migration } from '@mikro-orm/migrations';
import { MigrationObject } from '@mikro-orm/core';
import { EVENT_BACKBONE_V1_SQL } from '@mindhill/persistence';

// The backbone tables alone, for testing the libs without any service's projections.
class BackboneOnly extends Migration {
  override async up(): Promise<void> {
    for (const sql of EVENT_BACKBONE_V1_SQL) this.addSql(sql);
  }
}

export const backboneOnlyMigrations: MigrationObject[] = [{ name: 'BackboneOnly', class: BackboneOnly }];
