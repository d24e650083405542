import { randomUUID } from 'node:crypto';
import { KafkaMessage } from 'kafkajs';
import { Observer, timeUntil } from './observer';
import { sleep } from './infra';

type PhaseNotes = { notes: string[] };
export type PoisonKind = { kind: string; offset: string; dlq?: { groups: string[]; codes: string[]; ms: number } };
export type PoisonResult = { topic: string; partition: number; kinds: PoisonKind[]; canaryEventIds: string[]; canaryMs: number | null };

const TOPIC = 'auth.user.events.v1';

// Reads whole topics (up to their current high watermarks) with a throw-away consumer.
async function readAll(
  observer: Observer,
  topics: string[],
  timeoutMs = 30_000,
): Promise<{ topic: string; partition: number; message: KafkaMessage }[]> {
  const admin = observer.kafkaClient.admin();
  await admin.connect();
  let expected = 0;
  try {
    for (const t of topics) for (const p of await admin.fetchTopicOffsets(t)) expected += Number(p.high) - Number(p.low);
  } finally {
    await admin.disconnect();
  }
  const seen: { topic: string; partition: number; message: KafkaMessage }[] = [];
  if (expected === 0) return seen;
  const consumer = observer.kafkaClient.consumer({
    groupId: `faults-inspect-${randomUUID()}`,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    maxBytesPerPartition: 2_000_000,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          seen.push({ topic, partition, message });
          if (seen.length >= expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

// How many copies of each event id are on the domain topics (all of them unless narrowed).
export type Copies = { byEvent: Map<string, number>; duplicatedEvents: number; where: Map<string, string[]> };
export async function countCopies(observer: Observer, only?: Set<string>, topics?: string[]): Promise<Copies> {
  const list = topics ?? (await observer.listTopics()).filter((t) => t.endsWith('.events.v1'));
  const byEvent = new Map<string, number>();
  const where = new Map<string, string[]>();
  for (const { topic, partition, message } of await readAll(observer, list)) {
    let id: string | undefined;
    try {
      id = JSON.parse(message.value?.toString('utf8') ?? '').eventId;
    } catch {
      continue;
    }
    if (!id || (only && !only.has(id))) continue;
    byEvent.set(id, (byEvent.get(id) ?? 0) + 1);
    where.set(id, [
      ...(where.get(id) ?? []),
      `${topic}[${partition}]@${message.offset} ${new Date(Number(message.timestamp)).toISOString().slice(11, 23)}`,
    ]);
  }
  for (const [id, n] of byEvent) if (n < 2) where.delete(id);
  return { byEvent, duplicatedEvents: where.size, where };
}

// Four kinds of poison on one partition of a topic every consumer of user events reads, then a valid
// canary on the same partition: each poison must reach a dead-letter topic, the canary the audit log.
export async function runPoisonTest(observer: Observer, r: PhaseNotes): Promise<PoisonResult> {
  const sample = (await readAll(observer, [TOPIC], 10_000)).find((m) => m.message.value);
  if (!sample) throw new Error(`no message on ${TOPIC} to model the poison on`);
  const real = JSON.parse(sample.message.value!.toString('utf8'));
  const partition = sample.partition;
  const key = sample.message.key;
  const poisons: { kind: string; value: Buffer | string }[] = [
    { kind: 'not JSON', value: '{"eventId": this is not JSON' },
    { kind: 'wrong schema', value: JSON.stringify({ ...real, eventId: randomUUID(), payload: { unexpected: true } }) },
    { kind: 'envelope invalid', value: JSON.stringify({ hello: 'world' }) },
    { kind: 'unknown version', value: JSON.stringify({ ...real, eventId: randomUUID(), version: 99 }) },
    // Above the consumers' 1 MiB limit, below the broker's message.max.bytes (1 100 000).
    { kind: 'oversize', value: JSON.stringify({ ...real, eventId: randomUUID(), padding: 'x'.repeat(1_060_000) }) },
  ];
  const canaryId = randomUUID();
  const producer = observer.kafkaClient.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const kinds: PoisonKind[] = [];
  const sentAt = Date.now();
  try {
    for (const p of poisons) {
      const [meta] = await producer.send({ topic: TOPIC, acks: -1, messages: [{ key, value: p.value, partition }] });
      kinds.push({ kind: p.kind, offset: String(meta!.baseOffset) });
    }
    await producer.send({ topic: TOPIC, acks: -1, messages: [{ key, value: JSON.stringify({ ...real, eventId: canaryId }), partition }] });
  } finally {
    await producer.disconnect();
  }
  r.notes.push(
    `${poisons.length} poison messages + 1 canary on ${TOPIC}[${partition}] at offsets ${kinds.map((k) => k.offset).join(', ')}`,
  );

  const canaryMs = await timeUntil(
    async () => (await observer.query('audit', 'SELECT 1 FROM audit_logs WHERE uuid = $1', [canaryId])).length,
    (n) => n > 0,
    30_000,
    200,
  );
  const dlqDeadline = Date.now() + 20_000;
  for (;;) {
    const dlqTopics = (await observer.listTopics()).filter((t) => t.endsWith('dead-letters.v1'));
    const seen = await readAll(observer, dlqTopics, 10_000);
    for (const k of kinds) {
      const hits = seen.filter(({ message }) => {
        const h = (n: string) => message.headers?.[n]?.toString();
        return (
          h('dlq-original-topic') === TOPIC && h('dlq-original-partition') === String(partition) && h('dlq-original-offset') === k.offset
        );
      });
      if (hits.length) {
        k.dlq = {
          groups: [...new Set(hits.map((x) => x.message.headers!['dlq-consumer-group']!.toString()))],
          codes: [...new Set(hits.map((x) => x.message.headers!['dlq-error-code']!.toString()))],
          ms: Math.max(...hits.map((x) => Number(x.message.timestamp))) - sentAt,
        };
      }
    }
    if (kinds.every((k) => k.dlq?.groups.includes('audit.audit-log')) || Date.now() > dlqDeadline) break;
    await sleep(1_000);
  }
  return { topic: TOPIC, partition, kinds, canaryEventIds: [canaryId], canaryMs };
}

// Dead-lettered copies of events, by event id: consumer group and error code.
export async function deadLettered(observer: Observer): Promise<Map<string, string[]>> {
  const topics = (await observer.listTopics()).filter((t) => t.endsWith('dead-letters.v1'));
  const out = new Map<string, string[]>();
  for (const { message } of await readAll(observer, topics, 10_000)) {
    let id: string | undefined;
    try {
      id = JSON.parse(message.value?.toString('utf8') ?? '').eventId;
    } catch {
      continue;
    }
    if (!id) continue;
    const h = (n: string) => message.headers?.[n]?.toString() ?? '?';
    out.set(id, [
      ...(out.get(id) ?? []),
      `${h('dlq-consumer-group')} ${h('dlq-error-code')} after ${h('dlq-attempts')} attempts: ${h('dlq-error-message').slice(0, 80)}`,
    ]);
  }
  return out;
}
