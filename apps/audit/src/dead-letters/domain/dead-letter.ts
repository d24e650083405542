import { Actor } from '@mindhill/contracts';
import { assertAdmin, DomainError } from '@mindhill/domain';

// A dead-lettered message as collected from a dead-letter topic, and the operator's decision.
export const DEAD_LETTER_STATUSES = ['pending', 'replayed', 'discarded'] as const;
export type DeadLetterStatus = (typeof DEAD_LETTER_STATUSES)[number];

export type CollectedDeadLetter = {
  service: string;
  dlqTopic: string;
  dlqPartition: number;
  dlqOffset: string;
  consumerGroup: string | null;
  originalTopic: string | null;
  originalPartition: number | null;
  originalOffset: string | null;
  messageKey: string | null;
  messageValue: Buffer | null;
  headers: Record<string, string>;
  errorCode: string;
  errorMessage: string | null;
  attempts: number;
  failedAt: Date;
};

export type DeadLetterMessage = {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
};

// What the consumer that gave up wrote in the dlq-* headers, with the message's place in the
// dead-letter topic (its identity: collected twice, it is stored once).
export function collectedDeadLetter(service: string, m: DeadLetterMessage, now: Date): CollectedDeadLetter {
  const h = m.headers;
  return {
    service,
    dlqTopic: m.topic,
    dlqPartition: m.partition,
    dlqOffset: m.offset,
    consumerGroup: h['dlq-consumer-group'] ?? null,
    originalTopic: h['dlq-original-topic'] ?? null,
    originalPartition: h['dlq-original-partition'] ? Number(h['dlq-original-partition']) : null,
    originalOffset: h['dlq-original-offset'] ?? null,
    messageKey: m.key,
    messageValue: m.value,
    headers: h,
    errorCode: h['dlq-error-code'] ?? 'UNKNOWN',
    errorMessage: h['dlq-error-message'] ?? null,
    attempts: Number(h['dlq-attempts'] ?? 0),
    failedAt: h['dlq-failed-at'] ? new Date(h['dlq-failed-at']) : now,
  };
}

// The headers a replay sends: the original ones, without the dead-letter notes, plus where it came from.
export function replayHeaders(headers: Record<string, string>, deadLetterId: string): Record<string, string> {
  const original = Object.fromEntries(Object.entries(headers).filter(([k]) => !k.startsWith('dlq-')));
  return { ...original, 'dlq-replayed-from': deadLetterId };
}

export function deadLetterNotFound(id: string): DomainError {
  return new DomainError('AUDIT.DEAD_LETTER_NOT_FOUND', `No dead letter ${id}`, 'not-found');
}

// Dead letters are for admins: they hold other users' messages.
export function requireDeadLetterAdmin(actor: Actor): void {
  assertAdmin(actor, 'Dead letters');
}
