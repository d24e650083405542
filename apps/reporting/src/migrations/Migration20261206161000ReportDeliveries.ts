import { Migration } from '@mikro-orm/migrations';

// report_deliveries: one row per delivery of a finished run (an e-mail recipient or the webhook),
// kept by the delivery projector; `attempt_log` holds the receipt of every attempt.
// report_delivery_epoch: when deliveries started. The new consumer group reads the completion
// topic from its beginning; runs completed before this migration are not delivered (no mail for
// last week's runs on the day the feature ships).
export class Migration20261206161000ReportDeliveries extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE report_deliveries (
      uuid UUID PRIMARY KEY,
      report_execution_id UUID NOT NULL,
      report_id UUID NOT NULL,
      report_number INTEGER NOT NULL,
      report_name TEXT NOT NULL,
      owner_number INTEGER,
      channel VARCHAR(16) NOT NULL CHECK (channel IN ('email', 'webhook')),
      target TEXT NOT NULL,
      webhook_url TEXT,
      round INTEGER NOT NULL DEFAULT 1,
      status VARCHAR(16) NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      round_attempts INTEGER NOT NULL DEFAULT 0,
      delivered_where TEXT,
      mode VARCHAR(16),
      last_response_code INTEGER,
      last_error_code TEXT,
      next_attempt_at TIMESTAMPTZ,
      attempt_log JSONB NOT NULL DEFAULT '[]'::jsonb,
      requested_by INTEGER,
      requested_at TIMESTAMPTZ NOT NULL,
      finished_at TIMESTAMPTZ,
      updated_at TIMESTAMPTZ NOT NULL
    )`);
    this.addSql(`CREATE INDEX idx_report_deliveries_execution ON report_deliveries(report_execution_id, requested_at)`);
    this.addSql(`CREATE INDEX idx_report_deliveries_status ON report_deliveries(status, owner_number, updated_at DESC)`);
    this.addSql(`CREATE TABLE report_delivery_epoch (
      id BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
      started_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    this.addSql('INSERT INTO report_delivery_epoch (id) VALUES (TRUE)');
    this.addSql(`CREATE INDEX idx_report_deliveries_finished ON report_deliveries(finished_at) WHERE status <> 'pending'`);
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS report_delivery_epoch');
    this.addSql('DROP TABLE IF EXISTS report_deliveries');
  }
}
