import { Migration } from '@mikro-orm/migrations';

// The seed's audit_logs with the errata applied: 'info' is an allowed severity and the default
// (1); user_id is a plain column, users live in the auth database (11); the security-events
// index covers the timestamp only, never the JSONB (19). Added: user_uuid (the token subject),
// correlation_id and source_service, so a row leads back to the request and the producer.
// uuid is the event id: the unique key makes a redelivered event a no-op.
export class Migration20261126070200AuditLogs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE audit_logs (
      id BIGSERIAL PRIMARY KEY,
      uuid UUID NOT NULL UNIQUE,
      event_type VARCHAR(100) NOT NULL,
      event_category VARCHAR(50) NOT NULL,
      event_action VARCHAR(100) NOT NULL,
      user_id INTEGER,
      user_uuid UUID,
      user_email VARCHAR(255),
      session_id VARCHAR(255),
      user_agent TEXT,
      ip_address INET,
      resource_type VARCHAR(100),
      resource_id VARCHAR(200),
      resource_name VARCHAR(200),
      event_details JSONB,
      old_values JSONB,
      new_values JSONB,
      request_method VARCHAR(10),
      request_url TEXT,
      request_headers JSONB,
      request_body TEXT,
      response_status INTEGER,
      severity VARCHAR(20) NOT NULL DEFAULT 'info' CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
      risk_level VARCHAR(20) NOT NULL DEFAULT 'low' CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),
      compliance_tags TEXT[],
      retention_period_days INTEGER NOT NULL DEFAULT 2555,
      correlation_id VARCHAR(200),
      source_service VARCHAR(50),
      timestamp TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
      created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
    )`);
    this.addSql(`CREATE INDEX idx_audit_user_timestamp ON audit_logs(user_id, timestamp DESC)`);
    this.addSql(`CREATE INDEX idx_audit_user_uuid_timestamp ON audit_logs(user_uuid, timestamp DESC)`);
    this.addSql(`CREATE INDEX idx_audit_event_category ON audit_logs(event_category, event_type, timestamp DESC)`);
    this.addSql(`CREATE INDEX idx_audit_resource ON audit_logs(resource_type, resource_id)`);
    this.addSql(`CREATE INDEX idx_audit_severity ON audit_logs(severity, timestamp DESC) WHERE severity IN ('high', 'critical')`);
    this.addSql(`CREATE INDEX idx_audit_ip_address ON audit_logs(ip_address, timestamp DESC)`);
    this.addSql(`CREATE INDEX idx_audit_timestamp ON audit_logs(timestamp DESC, id DESC)`);
    this.addSql(`CREATE INDEX idx_audit_compliance ON audit_logs USING gin(compliance_tags)`);
    this.addSql(`CREATE INDEX idx_audit_session ON audit_logs(session_id, timestamp DESC) WHERE session_id IS NOT NULL`);
    this.addSql(
      `CREATE INDEX idx_audit_security_events ON audit_logs(timestamp DESC) WHERE event_category = 'security' OR severity IN ('high', 'critical')`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE audit_logs`);
  }
}
