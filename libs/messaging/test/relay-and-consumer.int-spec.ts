import { randomBytes, randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { deadLetterTopic, EventEnvelope, eventRegistry, SYSTEM_ACTOR, userLoggedIn, userRegistered } from '@mindhill/contracts';
import {
  createKafka,
  ensureTopics,
  EventConsumer,
  KafkaSettings,
  OutboxRelay,
  prefixedTopic,
  publishRaw,
  readTopic,
} from '@mindhill/messaging';
import { createOrmConfig, EventStore, newEvent, OutboxStore } from '@mindhill/persistence';
import { platformMetrics } from '@mindhill/platform';
import { backboneOnlyMigrations, createTestDatabase, eventually, TestDatabase } from '@mindhill/testing';

const settings: KafkaSettings = {
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  clientId: 'messaging-test',
  topicPrefix: `t${randomBytes(4).toString('hex')}.`,
};
const kafka = createKafka(settings);
const USER_TOPIC = prefixedTopic(settings, 'auth.user.events.v1');
const DLQ_TOPIC = prefixedTopic(settings, deadLetterTopic('test'));
const GATHER_TOPIC = prefixedTopic(settings, 'gather.test.v1');
const context = { correlationId: 'corr', causationId: null, actor: SYSTEM_ACTOR };

const registered = (userId = randomUUID()) =>
  newEvent(userRegistered, {
    userId,
    userNumber: 7,
    email: 'r@example.com',
    displayName: 'R',
    role: 'user',
    source: 'self-service',
    passwordHash: 'h',
  });

function envelope(overrides: Partial<EventEnvelope> = {}): EventEnvelope {
  const userId = randomUUID();
  return {
    eventId: randomUUID(),
    type: userLoggedIn.type,
    version: 1,
    occurredAt: new Date().toISOString(),
    producer: 'test',
    aggregateType: 'user',
    aggregateId: `user-${userId}`,
    aggregateVersion: 2,
    correlationId: 'c',
    causationId: null,
    actor: SYSTEM_ACTOR,
    payload: { userId, userNumber: 1, email: 'e@example.com', loginCount: 1, loggedInAt: new Date().toISOString() },
    ...overrides,
  };
}

describe('outbox relay and event consumer against the real broker', () => {
  let db: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    await ensureTopics(kafka, [
      { topic: USER_TOPIC, partitions: 1 },
      { topic: DLQ_TOPIC, partitions: 1 },
      { topic: GATHER_TOPIC, partitions: 1 },
    ]);
    db = await createTestDatabase('messaging', backboneOnlyMigrations);
    orm = await MikroORM.init(createOrmConfig({ clientUrl: db.url, entities: [], migrations: [] }));
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  it('publishes nothing for a rolled-back transaction', async () => {
    const store = new EventStore(orm, { producer: 'test', projectors: [] });
    const relay = new OutboxRelay(kafka, settings, new OutboxStore(orm), { idlePollMs: 50 });
    const aborted = randomUUID();
    await expect(
      store.transact(async (tx) => {
        await tx.append(`user-${aborted}`, 0, [registered(aborted)], context);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const marker = randomUUID();
    await store.transact((tx) => tx.append(`user-${marker}`, 0, [registered(marker)], context));
    relay.start();
    try {
      const seen = await readTopic(kafka, USER_TOPIC, { done: (s) => s.some((m) => m.key === `user-${marker}`), timeoutMs: 20_000 });
      expect(seen.some((m) => m.key === `user-${marker}`)).toBe(true);
      expect(seen.some((m) => m.key === `user-${aborted}`)).toBe(false);
    } finally {
      await relay.stop();
    }
  });

  it('loses nothing when the relay dies between the Kafka acknowledgement and the commit', async () => {
    const store = new EventStore(orm, { producer: 'test', projectors: [] });
    const outbox = new OutboxStore(orm);
    const userId = randomUUID();
    const [event] = await store.transact((tx) => tx.append(`user-${userId}`, 0, [registered(userId)], context));

    // First relay: Kafka acknowledges, then the process "dies" before the outbox commit.
    const crashing = new OutboxRelay(kafka, settings, outbox, {
      afterPublishHook: async () => {
        throw new Error('killed after ack');
      },
    });
    await expect(crashing.publishOnce()).rejects.toThrow('killed after ack');
    await crashing.stop();
    expect((await outbox.backlog()).count).toBeGreaterThan(0);

    // A fresh relay publishes the same rows again and clears the outbox.
    const restarted = new OutboxRelay(kafka, settings, outbox);
    await restarted.publishOnce();
    await restarted.stop();
    expect((await outbox.backlog()).count).toBe(0);

    const seen = await readTopic(kafka, USER_TOPIC, {
      done: (s) => s.filter((m) => m.headers['event-id'] === event!.eventId).length >= 2,
      timeoutMs: 20_000,
    });
    const copies = seen.filter((m) => m.headers['event-id'] === event!.eventId);
    expect(copies).toHaveLength(2);
    expect(JSON.parse(copies[0]!.value!.toString()).eventId).toBe(event!.eventId);
  });

  describe('consumer', () => {
    let consumer: EventConsumer;
    const handled: string[] = [];
    const attempts = new Map<string, number>();
    const flaky = new Set<string>();
    const broken = new Set<string>();

    beforeAll(async () => {
      consumer = new EventConsumer(kafka, settings, {
        group: `${settings.topicPrefix}consumer-test`,
        service: 'test',
        topics: ['auth.user.events.v1'],
        registry: eventRegistry,
        batchMode: false,
        retry: { maxAttempts: 3, initialBackoffMs: 20, maxBackoffMs: 50 },
        maxMessageBytes: 64 * 1024,
        // The group acts on every type but registrations, which it passes over undecoded.
        wants: (type) => type !== userRegistered.type,
        handle: async ([event]) => {
          const n = (attempts.get(event!.eventId) ?? 0) + 1;
          attempts.set(event!.eventId, n);
          if (broken.has(event!.eventId)) throw new Error('database said no');
          if (flaky.has(event!.eventId) && n < 3) throw new Error('transient');
          handled.push(event!.eventId);
        },
      });
      await consumer.start();
    });
    afterAll(() => consumer?.stop());

    const skippedCount = async () =>
      (await platformMetrics.consumerMessages.get()).values
        .filter((v) => v.labels.outcome === 'skipped' && v.labels.group === `${settings.topicPrefix}consumer-test`)
        .reduce((n, v) => n + v.value, 0);
    const dlqEntries = (done: (s: Awaited<ReturnType<typeof readTopic>>) => boolean) =>
      readTopic(kafka, DLQ_TOPIC, { done, timeoutMs: 20_000 });

    it('dead-letters every kind of poison message and keeps the partition flowing', async () => {
      const key = `user-${randomUUID()}`;
      const unknownVersion = envelope({ version: 9 });
      const wrongSchema = envelope({ payload: { userId: 'not-a-uuid' } });
      const unknownType = envelope({ type: 'auth.user.teleported' });
      const after = envelope();
      const poison = [
        { value: 'this is not json', code: 'MESSAGE.NOT_JSON' },
        { value: JSON.stringify(wrongSchema), code: 'CONTRACT.INVALID_PAYLOAD' },
        { value: JSON.stringify(unknownVersion), code: 'CONTRACT.UNKNOWN_VERSION' },
        { value: JSON.stringify(unknownType), code: 'CONTRACT.UNKNOWN_TYPE' },
        { value: JSON.stringify({ ...envelope(), pad: 'x'.repeat(70 * 1024) }), code: 'MESSAGE.OVERSIZE' },
        { value: JSON.stringify({ hello: 'world' }), code: 'CONTRACT.INVALID_ENVELOPE' },
      ];
      const before = platformMetrics.consumerDeadLettered.get();
      await publishRaw(kafka, USER_TOPIC, [...poison.map((p) => ({ key, value: p.value })), { key, value: JSON.stringify(after) }]);

      await eventually(() => expect(handled).toContain(after.eventId), { timeoutMs: 20_000 });
      const dlq = await dlqEntries((s) => poison.every((p) => s.some((m) => m.key === key && m.headers['dlq-error-code'] === p.code)));
      for (const p of poison) {
        const entry = dlq.find((m) => m.key === key && m.headers['dlq-error-code'] === p.code);
        expect(entry).toBeDefined();
        expect(entry!.value!.toString()).toBe(p.value);
        expect(entry!.headers['dlq-original-topic']).toBe(USER_TOPIC);
        expect(entry!.headers['dlq-error-message']).not.toBe('');
      }
      const total = (await platformMetrics.consumerDeadLettered.get()).values.reduce((n, v) => n + v.value, 0);
      const prior = (await before).values.reduce((n, v) => n + v.value, 0);
      expect(total - prior).toBeGreaterThanOrEqual(poison.length);
    });

    it('passes over, undecoded and committed, a message whose event-type header it does not want', async () => {
      const key = `user-${randomUUID()}`;
      const after = envelope({ aggregateId: key });
      const skippedBefore = await skippedCount();
      // Not even JSON: decoded, it would be dead-lettered; passed over, it never is.
      await publishRaw(kafka, USER_TOPIC, [
        { key, value: 'a registration nobody here reads', headers: { 'event-type': userRegistered.type } },
        { key, value: JSON.stringify(after), headers: { 'event-type': userLoggedIn.type } },
      ]);
      await eventually(() => expect(handled).toContain(after.eventId), { timeoutMs: 20_000 });
      expect(await skippedCount()).toBe(skippedBefore + 1);
      await eventually(async () => expect(await consumer.sampleLag()).toEqual([{ topic: USER_TOPIC, partition: 0, lag: 0 }]), {
        timeoutMs: 15_000,
        intervalMs: 300,
      });
      const dlq = await readTopic(kafka, DLQ_TOPIC, { done: () => false, timeoutMs: 3_000 });
      expect(dlq.filter((m) => m.key === key)).toEqual([]);
    });

    it('reports lag per partition, back to zero once consumed', async () => {
      const event = envelope();
      await publishRaw(kafka, USER_TOPIC, [{ key: event.aggregateId, value: JSON.stringify(event) }]);
      await eventually(() => expect(handled).toContain(event.eventId), { timeoutMs: 20_000 });
      await eventually(
        async () => {
          const lag = await consumer.sampleLag();
          expect(lag).toEqual([{ topic: USER_TOPIC, partition: 0, lag: 0 }]);
        },
        { timeoutMs: 15_000, intervalMs: 300 },
      );
      const metric = (await platformMetrics.consumerLag.get()).values.find((v) => v.labels.topic === 'auth.user.events.v1');
      expect(metric?.value).toBe(0);
    });

    it('retries a transient failure and handles the message once', async () => {
      const event = envelope();
      flaky.add(event.eventId);
      await publishRaw(kafka, USER_TOPIC, [{ key: event.aggregateId, value: JSON.stringify(event) }]);
      await eventually(() => expect(handled).toContain(event.eventId), { timeoutMs: 20_000 });
      expect(attempts.get(event.eventId)).toBe(3);
      expect(handled.filter((id) => id === event.eventId)).toHaveLength(1);
    });

    it('dead-letters a message whose handler keeps failing, after bounded retries, and moves on', async () => {
      const key = `user-${randomUUID()}`;
      const bad = envelope({ aggregateId: key });
      const next = envelope({ aggregateId: key });
      broken.add(bad.eventId);
      await publishRaw(kafka, USER_TOPIC, [
        { key, value: JSON.stringify(bad) },
        { key, value: JSON.stringify(next) },
      ]);
      await eventually(() => expect(handled).toContain(next.eventId), { timeoutMs: 20_000 });
      expect(attempts.get(bad.eventId)).toBe(3);
      const dlq = await dlqEntries((s) =>
        s.some((m) => m.headers['event-id'] === bad.eventId || (m.key === key && m.headers['dlq-attempts'] === '3')),
      );
      const entry = dlq.find((m) => m.key === key && m.headers['dlq-attempts'] === '3');
      expect(entry).toBeDefined();
      expect(entry!.headers['dlq-error-message']).toBe('database said no');
      expect(JSON.parse(entry!.value!.toString()).eventId).toBe(bad.eventId);
    });
  });

  // Offsets are committed at most once per interval (a commit per batch cost the broker 40 % of
  // its CPU), at the latest one interval after the last batch, and on stop.
  it('commits handled offsets on stop even when the interval has not passed', async () => {
    const group = `${settings.topicPrefix}commit-test`;
    const admin = kafka.admin();
    await admin.connect();
    const committed = async () => (await admin.fetchOffsets({ groupId: group, topics: [USER_TOPIC] }))[0]!.partitions[0]!.offset;
    const end = async () => (await admin.fetchTopicOffsets(USER_TOPIC))[0]!.high;
    const seen: string[] = [];
    const consumer = new EventConsumer(kafka, settings, {
      group,
      service: 'test',
      topics: ['auth.user.events.v1'],
      registry: eventRegistry,
      batchMode: true,
      commitIntervalMs: 600_000,
      handle: async (events) => void seen.push(...events.map((e) => e.eventId)),
    });
    try {
      await consumer.start();
      const event = envelope();
      await publishRaw(kafka, USER_TOPIC, [{ key: event.aggregateId, value: JSON.stringify(event) }]);
      await eventually(() => expect(seen).toContain(event.eventId), { timeoutMs: 20_000 });
      // Handled, not committed: the interval has not passed and no later batch came.
      expect(await committed()).toBe('-1');
      await consumer.stop();
      expect(await committed()).toBe(await end());
    } finally {
      await consumer.stop();
      await admin.disconnect();
    }
  });

  // A group with gatherMs handles the first event after a quiet spell at once, then lets what
  // arrives over the next gatherMs come as one batch (fewer fetches and transactions in a burst).
  it('gathers what arrives while busy into one batch, and takes the first event at once', async () => {
    const batches: string[][] = [];
    const consumer = new EventConsumer(kafka, settings, {
      group: `${settings.topicPrefix}gather-test`,
      service: 'test',
      topics: ['gather.test.v1'],
      registry: eventRegistry,
      batchMode: true,
      gatherMs: 3_000,
      handle: async (events) => void batches.push(events.map((e) => e.eventId)),
    });
    const publish = (e: EventEnvelope) => publishRaw(kafka, GATHER_TOPIC, [{ key: e.aggregateId, value: JSON.stringify(e) }]);
    try {
      await consumer.start();
      const first = envelope();
      await publish(first);
      await eventually(() => expect(batches).toEqual([[first.eventId]]), { timeoutMs: 20_000 });
      // Three separate produce requests, spaced out: a consumer that fetched again at once would
      // see them in separate batches.
      const later = [envelope(), envelope(), envelope()];
      for (const e of later) {
        await publish(e);
        await new Promise((r) => setTimeout(r, 300));
      }
      await eventually(() => expect(batches.flat()).toHaveLength(4), { timeoutMs: 20_000 });
      expect(batches).toEqual([[first.eventId], later.map((e) => e.eventId)]);
    } finally {
      await consumer.stop();
    }
  });
});
