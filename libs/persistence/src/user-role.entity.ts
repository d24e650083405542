import { EntitySchema } from '@mikro-orm/core';

// One user's current role and whether the account is active (user_roles, USER_ROLES_V1_SQL).
export class UserRoleEntry {
  active = true;

  constructor(
    public userNumber: number,
    public userId: string,
    public role: string,
    public updatedAt: Date,
  ) {}
}

// Mapped with an EntitySchema, not decorators: a library is imported from places an app is not
// (Jest's global setup, scripts), and decorators leave metadata in MikroORM's process-wide storage
// that other realms then trip over (ADR 0014). Apps' entities use decorators.
export const userRoleEntrySchema = new EntitySchema<UserRoleEntry>({
  class: UserRoleEntry,
  tableName: 'user_roles',
  properties: {
    userNumber: { type: 'integer', primary: true, autoincrement: false },
    userId: { type: 'uuid', unique: 'user_roles_user_id_key' },
    role: { type: 'string', length: 20 },
    active: { type: 'boolean', default: true },
    updatedAt: { type: 'datetime' },
  },
});
