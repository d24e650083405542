import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'users' })
export class User {
  [OptionalProps]?:
    | 'role'
    | 'timezone'
    | 'language'
    | 'isActive'
    | 'isEmailVerified'
    | 'loginCount'
    | 'failedLoginAttempts'
    | 'twoFactorEnabled'
    | 'notificationPreferences'
    | 'uiPreferences'
    | 'mustChangePassword';

  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  @Property({ type: 'uuid' })
  uuid!: string;

  @Property({ type: 'string', length: 255 })
  email!: string;

  @Property({ type: 'string', length: 255, hidden: true, lazy: true })
  passwordHash!: string;

  @Property({ type: 'string', length: 100 })
  displayName!: string;

  @Property({ type: 'string', length: 20 })
  role: 'admin' | 'user' | 'viewer' = 'user';

  @Property({ type: 'string', length: 50, nullable: true })
  firstName?: string | null;

  @Property({ type: 'string', length: 50, nullable: true })
  lastName?: string | null;

  @Property({ type: 'text', nullable: true })
  profileImageUrl?: string | null;

  @Property({ type: 'string', length: 50 })
  timezone = 'UTC';

  @Property({ type: 'string', length: 10 })
  language = 'en';

  @Property({ type: 'boolean' })
  isActive = true;

  @Property({ type: 'boolean' })
  isEmailVerified = false;

  @Property({ type: 'datetime', nullable: true })
  emailVerifiedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  lastLoginAt?: Date | null;

  @Property({ type: 'integer' })
  loginCount = 0;

  @Property({ type: 'datetime' })
  passwordChangedAt!: Date;

  @Property({ type: 'integer' })
  failedLoginAttempts = 0;

  @Property({ type: 'datetime', nullable: true })
  lockedUntil?: Date | null;

  @Property({ type: 'boolean' })
  twoFactorEnabled = false;

  // AES-256-GCM ciphertext of the TOTP secret (backup_codes and two_factor_last_step are
  // read and written with SQL: see two-factor.store.ts).
  @Property({ type: 'string', length: 255, nullable: true, hidden: true, lazy: true })
  twoFactorSecret?: string | null;

  @Property({ type: 'boolean' })
  mustChangePassword = false;

  @Property({ type: 'json' })
  notificationPreferences: Record<string, unknown> = {};

  @Property({ type: 'json' })
  uiPreferences: Record<string, unknown> = {};

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  deletedAt?: Date | null;
}
