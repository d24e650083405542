// The three tables every service has beside its projections. A service's first migration runs
// these statements; later changes get their own numbered list, never an edit of this one.
export const EVENT_BACKBONE_V1_SQL: readonly string[] = [
  `CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`,
  `CREATE TABLE stored_event (
    position BIGSERIAL PRIMARY KEY,
    event_id UUID NOT NULL UNIQUE,
    stream_id VARCHAR(200) NOT NULL,
    stream_type VARCHAR(100) NOT NULL,
    version INTEGER NOT NULL CHECK (version > 0),
    type VARCHAR(150) NOT NULL,
    schema_version INTEGER NOT NULL,
    payload JSONB NOT NULL,
    metadata JSONB NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT stored_event_stream_version_unique UNIQUE (stream_id, version)
  )`,
  `CREATE INDEX idx_stored_event_type ON stored_event(type, position)`,
  `CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    event_id UUID NOT NULL,
    topic VARCHAR(200) NOT NULL,
    message_key VARCHAR(200) NOT NULL,
    message JSONB NOT NULL,
    headers JSONB NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE processed_message (
    consumer VARCHAR(150) NOT NULL,
    event_id UUID NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
  )`,
];

// The backbone removed again (a migration's down): the tables, then the extension it created.
export const EVENT_BACKBONE_V1_DOWN_SQL: readonly string[] = [
  `DROP TABLE processed_message`,
  `DROP TABLE outbox`,
  `DROP TABLE stored_event`,
  `DROP EXTENSION IF EXISTS "uuid-ossp"`,
];
