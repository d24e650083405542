import { Migration } from '@mikro-orm/migrations';
import { USER_ROLES_V1_DOWN_SQL, USER_ROLES_V1_SQL } from '@mindhill/persistence';

// user_roles (from the auth user events): whether a workflow's owner is an admin is read from
// the owner's current role at every run and save, no longer from workflows.owner_is_admin (the
// role at creation, kept but unused).
export class Migration20261206110000UserRoles extends Migration {
  override async up(): Promise<void> {
    for (const sql of USER_ROLES_V1_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of USER_ROLES_V1_DOWN_SQL) this.addSql(sql);
  }
}
