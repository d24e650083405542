import { randomBytes, randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { SYSTEM_ACTOR, userRegistered } from '@mindhill/contracts';
import { createKafka, ensureTopics, KafkaSettings, OutboxRelay, prefixedTopic, readTopic } from '@mindhill/messaging';
import { createOrmConfig, EventStore, newEvent, OutboxStore } from '@mindhill/persistence';
import { withTimeout } from '@mindhill/platform';
import { backboneOnlyMigrations, createTestDatabase, TestDatabase } from '@mindhill/testing';

const settings: KafkaSettings = {
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  clientId: 'relay-wakeups-test',
  topicPrefix: `t${randomBytes(4).toString('hex')}.`,
};
const kafka = createKafka(settings);
const USER_TOPIC = prefixedTopic(settings, 'auth.user.events.v1');
const context = { correlationId: 'corr', causationId: null, actor: SYSTEM_ACTOR };
const registered = (userId: string) =>
  newEvent(userRegistered, {
    userId,
    userNumber: 7,
    email: 'r@example.com',
    displayName: 'R',
    role: 'user',
    source: 'self-service',
    passwordHash: 'h',
  });

// Each wait named, so a run that stalls says where (a CI run once hit the test's own timeout).
const step = <T>(what: string, promise: Promise<T>) => withTimeout(promise, 12_000, what);

// Far longer than the test: what is published within it was woken, not polled.
const POLL_MS = 120_000;

// Each commit kicks its own process's relay; the relays of two replicas share one outbox under an
// advisory lock. A kick that finds the lock taken must not leave its rows to the slow poll.
describe('outbox relay wake-ups', () => {
  let db: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    await ensureTopics(kafka, [{ topic: USER_TOPIC, partitions: 1 }]);
    db = await createTestDatabase('relaywakeups', backboneOnlyMigrations);
    orm = await MikroORM.init(createOrmConfig({ clientUrl: db.url, entities: [], migrations: [] }));
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  it('publishes rows committed while another replica’s relay held the lock as soon as it lets go', async () => {
    let entered!: () => void;
    const holding = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // Replica B: its relay picks the first row and holds the lock until released.
    const storeB = new OutboxStore(orm);
    const relayB = new OutboxRelay(kafka, settings, storeB, {
      idlePollMs: POLL_MS,
      afterPublishHook: async () => {
        entered();
        await released;
      },
    });
    // Replica A: its commits kick its own relay, which finds the lock taken.
    const storeA = new OutboxStore(orm);
    const relayA = new OutboxRelay(kafka, settings, storeA, { idlePollMs: POLL_MS });
    const eventsA = new EventStore(orm, { producer: 'test', projectors: [], onCommitted: () => relayA.kick() });
    // Resolves when A's next pick comes back empty (the lock was taken).
    let emptyPick: (() => void) | undefined;
    const pick = storeA.publishBatch.bind(storeA);
    jest.spyOn(storeA, 'publishBatch').mockImplementation(async (...args) => {
      const count = await pick(...args);
      if (count === 0) emptyPick?.();
      return count;
    });
    const nextEmptyPick = () => new Promise<void>((resolve) => (emptyPick = resolve));
    await step('A empties the outbox', relayA.publishOnce());
    const first = randomUUID();
    const second = randomUUID();
    try {
      // Committed before A runs (no kick of A's left pending).
      await step(
        'commit of the first row',
        new EventStore(orm, { producer: 'test', projectors: [] }).transact((tx) =>
          tx.append(`user-${first}`, 0, [registered(first)], context),
        ),
      );
      relayB.start();
      await step('B publishes the first row and holds the lock', holding);
      const started = nextEmptyPick();
      relayA.start();
      await step('A finds the lock taken', started);
      const kicked = nextEmptyPick();
      await step(
        'commit of the second row',
        eventsA.transact((tx) => tx.append(`user-${second}`, 0, [registered(second)], context)),
      );
      await step('the kick finds the lock taken', kicked);
      release();
      const seen = await readTopic(kafka, USER_TOPIC, {
        done: (s) => s.some((m) => m.key === `user-${second}`),
        timeoutMs: 20_000,
      });
      expect(seen.map((m) => m.key)).toEqual([`user-${first}`, `user-${second}`]);
    } finally {
      release();
      await step('relays stop', Promise.all([relayA.stop(), relayB.stop()]));
      await Promise.all([storeA.close(), storeB.close()]);
    }
    // Room for each named wait's own deadline to fire first and say where it stalled.
  }, 120_000);
});
