import { Migration } from '@mikro-orm/migrations';

// The seed's application_sessions, a projection of auth.session events. Errata 2: plain index
// on expiry (the seed's CURRENT_TIMESTAMP predicate is not immutable). Added: the refresh token
// hash (never the token), idle expiry, the revocation reason, and the hashes of rotated refresh
// tokens so that a reused one is recognised and revokes its session.
export class Migration20261126083000Sessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE application_sessions (
      id SERIAL PRIMARY KEY,
      session_id VARCHAR(255) NOT NULL UNIQUE,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      session_data JSONB,
      user_agent TEXT,
      ip_address INET,
      device_type VARCHAR(50),
      browser_name VARCHAR(50),
      browser_version VARCHAR(20),
      os_name VARCHAR(50),
      os_version VARCHAR(20),
      is_active BOOLEAN NOT NULL DEFAULT true,
      is_remembered BOOLEAN NOT NULL DEFAULT false,
      csrf_token VARCHAR(255),
      refresh_token_hash VARCHAR(64) NOT NULL UNIQUE,
      last_activity_at TIMESTAMPTZ NOT NULL,
      idle_expires_at TIMESTAMPTZ NOT NULL,
      created_at TIMESTAMPTZ NOT NULL,
      expires_at TIMESTAMPTZ NOT NULL,
      invalidated_at TIMESTAMPTZ,
      revoked_reason VARCHAR(50)
    )`);
    this.addSql(`CREATE TABLE rotated_refresh_tokens (
      token_hash VARCHAR(64) PRIMARY KEY,
      session_id VARCHAR(255) NOT NULL REFERENCES application_sessions(session_id) ON DELETE CASCADE,
      rotated_at TIMESTAMPTZ NOT NULL
    )`);
    this.addSql(`CREATE INDEX idx_sessions_user_active ON application_sessions(user_id, is_active, last_activity_at DESC)`);
    this.addSql(`CREATE INDEX idx_sessions_expiry ON application_sessions(expires_at) WHERE is_active = true`);
    this.addSql(`CREATE INDEX idx_sessions_ip_address ON application_sessions(ip_address, created_at DESC)`);
    this.addSql(`CREATE INDEX idx_sessions_device ON application_sessions(device_type, browser_name)`);
    this.addSql(`CREATE INDEX idx_sessions_cleanup ON application_sessions(is_active, expires_at)`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE rotated_refresh_tokens`);
    this.addSql(`DROP TABLE application_sessions`);
  }
}
