import { EntityManager, FilterQuery, raw, RawQueryFragment } from '@mikro-orm/postgresql';
import { isUuid } from '@mindhill/platform';
import { DeadLetterStatus } from '../domain/dead-letter';
import { DeadLetterState } from '../domain/dead-letter.decider';
import { DeadLetter } from './dead-letter.entity';

export type DeadLetterFilter = { status: DeadLetterStatus; service?: string; cursor?: string; limit: number };

export function findDeadLetter(em: EntityManager, id: string): Promise<DeadLetter | null> {
  return isUuid(id) ? em.findOne(DeadLetter, { uuid: id }) : Promise.resolve(null);
}

// Newest first, from below the cursor (an id).
export function listDeadLetters(em: EntityManager, filter: DeadLetterFilter): Promise<DeadLetter[]> {
  const where: FilterQuery<DeadLetter> = { status: filter.status };
  if (filter.service) where.service = filter.service;
  if (filter.cursor) where.id = { $lt: filter.cursor };
  return em.find(DeadLetter, where, { orderBy: { id: 'desc' }, limit: filter.limit });
}

export async function pendingByService(em: EntityManager): Promise<Map<string, number>> {
  const rows = await em
    .createQueryBuilder(DeadLetter)
    .select(['service', raw<DeadLetter, RawQueryFragment>('count(*)').as('n')])
    .where({ status: 'pending' })
    .groupBy('service')
    .execute<{ service: string; n: string }[]>('all', false);
  return new Map(rows.map((r) => [r.service, Number(r.n)]));
}

export function deadLetterState(l: DeadLetter): DeadLetterState {
  return {
    deadLetterId: l.uuid,
    service: l.service,
    status: l.status,
    dlqTopic: l.dlqTopic,
    originalTopic: l.originalTopic,
    errorCode: l.errorCode,
  };
}

export type DeadLetterView = ReturnType<typeof toDeadLetterView>;

// The API's view; the message itself (as text when it is UTF-8, else base64) in the detail only.
export function toDeadLetterView(l: DeadLetter, withValue: boolean) {
  const value = l.messageValue ? Buffer.from(l.messageValue) : null;
  const text = value && isUtf8(value) ? value.toString('utf8') : null;
  return {
    id: l.uuid,
    service: l.service,
    consumerGroup: l.consumerGroup,
    originalTopic: l.originalTopic,
    originalPartition: l.originalPartition,
    originalOffset: l.originalOffset,
    key: l.messageKey,
    errorCode: l.errorCode,
    errorMessage: l.errorMessage,
    attempts: l.attempts,
    failedAt: l.failedAt.toISOString(),
    status: l.status,
    resolvedAt: l.resolvedAt ? l.resolvedAt.toISOString() : null,
    resolvedBy: l.resolvedBy,
    sizeBytes: value?.length ?? 0,
    ...(withValue
      ? { headers: l.headers, value: text ?? undefined, valueBase64: text === null && value ? value.toString('base64') : undefined }
      : {}),
  };
}

function isUtf8(buffer: Buffer): boolean {
  return Buffer.from(buffer.toString('utf8'), 'utf8').equals(buffer);
}
