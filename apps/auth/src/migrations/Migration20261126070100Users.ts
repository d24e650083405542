import { Migration } from '@mikro-orm/migrations';

// The seed's users table as a projection of auth.user events. Errata applied: no seeded admin
// (7); timestamps with time zone; e-mail unique case-insensitively among live accounts so a
// soft-deleted account keeps its history. The id comes from the sequence but is written into
// the registered event, so a rebuild restores the same ids.
export class Migration20261126070100Users extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE users (
      id SERIAL PRIMARY KEY,
      uuid UUID NOT NULL UNIQUE,
      email VARCHAR(255) NOT NULL,
      password_hash VARCHAR(255) NOT NULL,
      display_name VARCHAR(100) NOT NULL,
      role VARCHAR(20) NOT NULL DEFAULT 'user' CHECK (role IN ('admin', 'user', 'viewer')),
      first_name VARCHAR(50),
      last_name VARCHAR(50),
      profile_image_url TEXT,
      timezone VARCHAR(50) NOT NULL DEFAULT 'UTC',
      language VARCHAR(10) NOT NULL DEFAULT 'en',
      is_active BOOLEAN NOT NULL DEFAULT true,
      is_email_verified BOOLEAN NOT NULL DEFAULT false,
      email_verified_at TIMESTAMPTZ,
      last_login_at TIMESTAMPTZ,
      login_count INTEGER NOT NULL DEFAULT 0,
      password_changed_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
      failed_login_attempts INTEGER NOT NULL DEFAULT 0,
      locked_until TIMESTAMPTZ,
      two_factor_enabled BOOLEAN NOT NULL DEFAULT false,
      two_factor_secret VARCHAR(255),
      backup_codes TEXT[],
      notification_preferences JSONB NOT NULL DEFAULT '{}',
      ui_preferences JSONB NOT NULL DEFAULT '{}',
      created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
      updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
      deleted_at TIMESTAMPTZ
    )`);
    this.addSql(`CREATE UNIQUE INDEX idx_users_email_live ON users (lower(email)) WHERE deleted_at IS NULL`);
    this.addSql(`CREATE INDEX idx_users_email ON users(email) WHERE deleted_at IS NULL`);
    this.addSql(`CREATE INDEX idx_users_role_active ON users(role, is_active) WHERE deleted_at IS NULL`);
    this.addSql(`CREATE INDEX idx_users_email_verified ON users(is_email_verified, email_verified_at)`);
    this.addSql(`CREATE INDEX idx_users_last_login ON users(last_login_at DESC) WHERE is_active = true`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE users`);
  }
}
