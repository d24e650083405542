import { Migration } from '@mikro-orm/migrations';

// Every message any consumer dead-lettered, collected from the dead-letter topics, with the
// operator's decision (replayed or discarded). Unique by its place in Kafka, so a re-read of the
// dead-letter topics adds nothing twice.
export class Migration20261126084000DeadLetters extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE dead_letters (
      id BIGSERIAL PRIMARY KEY,
      uuid UUID NOT NULL UNIQUE DEFAULT uuid_generate_v4(),
      service VARCHAR(50) NOT NULL,
      dlq_topic VARCHAR(200) NOT NULL,
      dlq_partition INTEGER NOT NULL,
      dlq_offset BIGINT NOT NULL,
      consumer_group VARCHAR(250),
      original_topic VARCHAR(200),
      original_partition INTEGER,
      original_offset BIGINT,
      message_key TEXT,
      message_value BYTEA,
      headers JSONB NOT NULL,
      error_code VARCHAR(100) NOT NULL,
      error_message TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      failed_at TIMESTAMPTZ NOT NULL,
      status VARCHAR(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'replayed', 'discarded')),
      resolved_at TIMESTAMPTZ,
      resolved_by INTEGER,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT dead_letters_place_unique UNIQUE (dlq_topic, dlq_partition, dlq_offset)
    )`);
    this.addSql(`CREATE INDEX idx_dead_letters_status ON dead_letters(status, service, id DESC)`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE dead_letters`);
  }
}
