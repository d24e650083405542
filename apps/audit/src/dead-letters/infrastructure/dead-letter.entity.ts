import { BigIntType, Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { CollectedDeadLetter, DEAD_LETTER_STATUSES, DeadLetterStatus } from '../domain/dead-letter';

// A message some consumer dead-lettered, as collected from the dead-letter topics, and the
// operator's decision on it: dead_letters (Migration20261126084000DeadLetters).
@Entity({ tableName: 'dead_letters' })
@Unique({ name: 'dead_letters_place_unique', properties: ['dlqTopic', 'dlqPartition', 'dlqOffset'] })
@Index({ name: 'idx_dead_letters_status', expression: 'create index idx_dead_letters_status on dead_letters(status, service, id desc)' })
export class DeadLetter {
  [OptionalProps]?: 'uuid' | 'status' | 'resolvedAt' | 'resolvedBy' | 'createdAt';

  // BIGSERIAL, BIGINT: strings, as pg returns int8 (the API answers them as strings).
  @PrimaryKey({ type: new BigIntType('string') })
  id!: string;

  @Property({ type: 'uuid', unique: 'dead_letters_uuid_key', defaultRaw: 'uuid_generate_v4()' })
  uuid!: string;

  @Property({ type: 'string', length: 50 })
  service: string;

  @Property({ type: 'string', length: 200 })
  dlqTopic: string;

  @Property({ type: 'integer' })
  dlqPartition: number;

  @Property({ type: new BigIntType('string') })
  dlqOffset: string;

  @Property({ type: 'string', length: 250, nullable: true })
  consumerGroup: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  originalTopic: string | null;

  @Property({ type: 'integer', nullable: true })
  originalPartition: number | null;

  @Property({ type: new BigIntType('string'), nullable: true })
  originalOffset: string | null;

  @Property({ type: 'text', nullable: true })
  messageKey: string | null;

  @Property({ type: 'blob', nullable: true })
  messageValue: Buffer | null;

  @Property({ type: 'json' })
  headers: Record<string, string>;

  @Property({ type: 'string', length: 100 })
  errorCode: string;

  @Property({ type: 'text', nullable: true })
  errorMessage: string | null;

  @Property({ type: 'integer', default: 0 })
  attempts: number;

  @Property({ type: 'datetime' })
  failedAt: Date;

  @Enum({ items: () => DEAD_LETTER_STATUSES, columnType: 'varchar(20)', default: 'pending' })
  status: DeadLetterStatus = 'pending';

  @Property({ type: 'datetime', nullable: true })
  resolvedAt: Date | null = null;

  @Property({ type: 'integer', nullable: true })
  resolvedBy: number | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt!: Date;

  constructor(fields: CollectedDeadLetter) {
    this.service = fields.service;
    this.dlqTopic = fields.dlqTopic;
    this.dlqPartition = fields.dlqPartition;
    this.dlqOffset = fields.dlqOffset;
    this.consumerGroup = fields.consumerGroup;
    this.originalTopic = fields.originalTopic;
    this.originalPartition = fields.originalPartition;
    this.originalOffset = fields.originalOffset;
    this.messageKey = fields.messageKey;
    this.messageValue = fields.messageValue;
    this.headers = fields.headers;
    this.errorCode = fields.errorCode;
    this.errorMessage = fields.errorMessage;
    this.attempts = fields.attempts;
    this.failedAt = fields.failedAt;
  }
}
