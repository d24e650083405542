import { Migration } from '@mikro-orm/migrations';

// Identity and settings projections. users: a forced password change flag and the last TOTP
// time step accepted (a code is never accepted twice); two_factor_secret holds the AES-256-GCM
// ciphertext and backup_codes SHA-256 hashes (errata 8). user_tokens: single-use reset and
// verification tokens, by hash only. system_settings as in the seed with errata 10 (unique per
// key and environment only) and numbers as NUMERIC.
export class Migration20261126090000Identity extends Migration {
  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT false`);
    this.addSql(`ALTER TABLE users ADD COLUMN two_factor_last_step BIGINT`);
    this.addSql(`CREATE TABLE user_tokens (
      token_hash VARCHAR(64) PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      purpose VARCHAR(30) NOT NULL CHECK (purpose IN ('password-reset', 'email-verification')),
      created_at TIMESTAMPTZ NOT NULL,
      expires_at TIMESTAMPTZ NOT NULL,
      consumed_at TIMESTAMPTZ
    )`);
    this.addSql(`CREATE INDEX idx_user_tokens_user ON user_tokens(user_id, purpose) WHERE consumed_at IS NULL`);
    this.addSql(`CREATE TABLE system_settings (
      id SERIAL PRIMARY KEY,
      setting_key VARCHAR(100) NOT NULL,
      setting_category VARCHAR(50) NOT NULL,
      setting_name VARCHAR(200) NOT NULL,
      setting_description TEXT,
      setting_value TEXT,
      setting_type VARCHAR(20) NOT NULL DEFAULT 'string' CHECK (setting_type IN ('string', 'integer', 'decimal', 'boolean', 'json', 'array')),
      default_value TEXT,
      validation_rules JSONB,
      allowed_values TEXT[],
      min_value NUMERIC,
      max_value NUMERIC,
      is_public BOOLEAN NOT NULL DEFAULT false,
      is_readonly BOOLEAN NOT NULL DEFAULT false,
      requires_restart BOOLEAN NOT NULL DEFAULT false,
      environment VARCHAR(20) NOT NULL DEFAULT 'all' CHECK (environment IN ('all', 'development', 'test', 'staging', 'production')),
      last_modified_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
      last_modified_reason TEXT,
      created_at TIMESTAMPTZ NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL
    )`);
    this.addSql(`CREATE UNIQUE INDEX idx_settings_key_environment ON system_settings(setting_key, environment)`);
    this.addSql(`CREATE INDEX idx_settings_category ON system_settings(setting_category, setting_key)`);
    this.addSql(`CREATE INDEX idx_settings_public ON system_settings(is_public, setting_category) WHERE is_public = true`);
    this.addSql(`CREATE INDEX idx_settings_environment ON system_settings(environment, setting_category)`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE system_settings`);
    this.addSql(`DROP TABLE user_tokens`);
    this.addSql(`ALTER TABLE users DROP COLUMN two_factor_last_step, DROP COLUMN must_change_password`);
  }
}
