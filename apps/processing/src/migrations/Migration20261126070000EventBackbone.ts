import { Migration } from '@mikro-orm/migrations';
import { EVENT_BACKBONE_V1_DOWN_SQL, EVENT_BACKBONE_V1_SQL } from '@mindhill/persistence';

export class Migration20261126070000EventBackbone extends Migration {
  override async up(): Promise<void> {
    for (const sql of EVENT_BACKBONE_V1_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of EVENT_BACKBONE_V1_DOWN_SQL) this.addSql(sql);
  }
}
