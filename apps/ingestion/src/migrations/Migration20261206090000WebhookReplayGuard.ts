import { Migration } from '@mikro-orm/migrations';

// The webhook ids each source has accepted, kept while a replay of them could still pass the
// timestamp check. Like processed_message, an idempotency key claimed in the delivery's own
// transaction (the primary key makes two concurrent replays of one id commit at most once),
// not a projection: rebuilds leave it alone.
export class Migration20261206090000WebhookReplayGuard extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE webhook_replay_guard (
      flux_id integer NOT NULL,
      webhook_id varchar(200) NOT NULL,
      webhook_timestamp timestamptz NOT NULL,
      delivery_id uuid NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (flux_id, webhook_id)
    )`);
    this.addSql('CREATE INDEX idx_webhook_replay_guard_expiry ON webhook_replay_guard (flux_id, webhook_timestamp)');
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE webhook_replay_guard`);
  }
}
