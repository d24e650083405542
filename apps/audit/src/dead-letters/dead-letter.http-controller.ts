import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { deadLetterDiscarded, deadLetterReplayed, PLATFORM_SERVICES } from '@mindhill/contracts';
import { KAFKA, KafkaClient, publishRaw } from '@mindhill/messaging';
import { EventStore, newEvent } from '@mindhill/persistence';
import { assertAdmin, currentContext, DomainError, requestEventContext, ZodValidationPipe, isUuid } from '@mindhill/platform';

const listQuery = z.strictObject({
  service: z.enum(PLATFORM_SERVICES).optional(),
  status: z.enum(['pending', 'replayed', 'discarded']).default('pending'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
});
const discardBody = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() });

type Row = {
  id: string;
  uuid: string;
  service: string;
  dlq_topic: string;
  consumer_group: string | null;
  original_topic: string | null;
  original_partition: number | null;
  original_offset: string | null;
  message_key: string | null;
  message_value: Buffer | null;
  headers: Record<string, string>;
  error_code: string;
  error_message: string | null;
  attempts: number;
  failed_at: Date | string;
  status: string;
  resolved_at: Date | string | null;
  resolved_by: number | null;
};

// Admin-only: the dead letters of every service. Replaying puts the original bytes back on the
// original topic (consumers are idempotent by event id, so replaying twice is harmless).
@Controller('api/v1/dead-letters')
export class DeadLetterHttpController {
  constructor(
    private readonly events: EventStore,
    @Inject(KAFKA) private readonly kafka: KafkaClient,
  ) {}

  @Get()
  async list(@Query(new ZodValidationPipe(listQuery)) query: z.infer<typeof listQuery>) {
    requireAdmin();
    const where = ['status = ?'];
    const params: unknown[] = [query.status];
    if (query.service) (where.push('service = ?'), params.push(query.service));
    if (query.cursor) (where.push('id < ?'), params.push(query.cursor));
    const rows = await this.events
      .readModel()
      .execute<Row[]>(`SELECT * FROM dead_letters WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`, [...params, query.limit + 1]);
    const page = rows.slice(0, query.limit);
    return { items: page.map((r) => view(r, false)), nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.id) : null };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    requireAdmin();
    return view(await this.find(id), true);
  }

  @Post(':id/replay')
  @HttpCode(200)
  async replay(@Param('id') id: string) {
    requireAdmin();
    const row = await this.find(id);
    if (row.status !== 'pending') throw alreadyResolved(row);
    if (!row.original_topic) throw new DomainError('AUDIT.DEAD_LETTER_NOT_REPLAYABLE', 'The original topic is unknown', 'conflict');
    const headers = Object.fromEntries(Object.entries(row.headers).filter(([k]) => !k.startsWith('dlq-')));
    await publishRaw(this.kafka, row.original_topic, [
      { key: row.message_key, value: row.message_value, headers: { ...headers, 'dlq-replayed-from': row.uuid } },
    ]);
    await this.decide(row, 'replayed', null);
    return view(await this.find(id), false);
  }

  @Post(':id/discard')
  @HttpCode(200)
  async discard(@Param('id') id: string, @Body(new ZodValidationPipe(discardBody)) body: z.infer<typeof discardBody>) {
    requireAdmin();
    const row = await this.find(id);
    if (row.status !== 'pending') throw alreadyResolved(row);
    await this.decide(row, 'discarded', body.reason ?? null);
    return view(await this.find(id), false);
  }

  private async decide(row: Row, decision: 'replayed' | 'discarded', reason: string | null) {
    const context = requestEventContext();
    const base = {
      deadLetterId: row.uuid,
      service: row.service,
      originalTopic: row.original_topic ?? row.dlq_topic,
      errorCode: row.error_code,
      by: context.actor.userNumber,
    };
    await this.events.transact(async (tx) => {
      const stream = `dead-letter-${row.uuid}`;
      const version = await tx.streamVersion(stream);
      await tx.append(
        stream,
        version,
        [decision === 'replayed' ? newEvent(deadLetterReplayed, base) : newEvent(deadLetterDiscarded, { ...base, reason })],
        context,
      );
    });
  }

  private async find(id: string): Promise<Row> {
    const [row] = isUuid(id) ? await this.events.readModel().execute<Row[]>('SELECT * FROM dead_letters WHERE uuid = ?', [id]) : [];
    if (!row) throw new DomainError('AUDIT.DEAD_LETTER_NOT_FOUND', `No dead letter ${id}`, 'not-found');
    return row;
  }
}

function view(r: Row, withValue: boolean) {
  const value = r.message_value ? Buffer.from(r.message_value) : null;
  const text = value && isUtf8(value) ? value.toString('utf8') : null;
  return {
    id: r.uuid,
    service: r.service,
    consumerGroup: r.consumer_group,
    originalTopic: r.original_topic,
    originalPartition: r.original_partition,
    originalOffset: r.original_offset,
    key: r.message_key,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    attempts: r.attempts,
    failedAt: new Date(r.failed_at).toISOString(),
    status: r.status,
    resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
    resolvedBy: r.resolved_by,
    sizeBytes: value?.length ?? 0,
    ...(withValue
      ? { headers: r.headers, value: text ?? undefined, valueBase64: text === null && value ? value.toString('base64') : undefined }
      : {}),
  };
}

function isUtf8(buffer: Buffer): boolean {
  return Buffer.from(buffer.toString('utf8'), 'utf8').equals(buffer);
}

function alreadyResolved(row: Row) {
  return new DomainError('AUDIT.DEAD_LETTER_RESOLVED', `This dead letter was already ${row.status}`, 'conflict');
}

function requireAdmin(): void {
  assertAdmin(currentContext()?.actor, 'Dead letters');
}
