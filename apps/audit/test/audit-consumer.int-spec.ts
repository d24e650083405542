import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TEST_POSTGRES_BASE } from '@mindhill/testing';
import { deadLetterTopic, EventEnvelope, SYSTEM_ACTOR, userLoggedIn } from '@mindhill/contracts';
import { createKafka, prefixedTopic, publishRaw, readTopic } from '@mindhill/messaging';
import { platformMetrics } from '@mindhill/platform';
import { eventually } from '@mindhill/testing';
import { authService } from '../../auth/src/auth.service';
import { loadAuthConfig } from '../../auth/src/auth.config';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';

function loggedIn(aggregateId = `user-${randomUUID()}`): EventEnvelope {
  const userId = aggregateId.slice(5);
  return {
    eventId: randomUUID(),
    type: userLoggedIn.type,
    version: 1,
    occurredAt: new Date().toISOString(),
    producer: 'auth',
    aggregateType: 'user',
    aggregateId,
    aggregateVersion: 2,
    correlationId: randomUUID(),
    causationId: null,
    actor: { ...SYSTEM_ACTOR, userId, userNumber: 3, email: 'dup@example.com', role: 'user', sessionId: 's1' },
    payload: { userId, userNumber: 3, email: 'dup@example.com', loginCount: 1, loggedInAt: new Date().toISOString() },
  };
}

const totalOf = async (metric: { get(): Promise<{ values: { value: number }[] }> }) =>
  (await metric.get()).values.reduce((n, v) => n + v.value, 0);

describe('audit consumer', () => {
  let platform: TestPlatform;
  let pg: Client;
  let relayCrashes = 0;

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['auth', 'audit'],
      // The auth relay "dies" between the Kafka acknowledgement and the outbox commit, twice.
      customize: {
        auth: (env) =>
          authService(loadAuthConfig(env), {
            // Only batches carrying a registration crash (auth publishes other events at start-up).
            afterPublishHook: async (rows) => {
              if (relayCrashes < 2 && rows.some((r) => (r.message as { type?: string }).type === 'auth.user.registered')) {
                relayCrashes++;
                throw new Error('relay killed after ack');
              }
            },
          }),
      },
    });
    pg = new Client({ connectionString: platform.databases.audit!.url });
    await pg.connect();
  });
  afterAll(async () => {
    await pg?.end();
    await platform?.close();
  });

  const kafka = () =>
    createKafka({ brokers: platform.env.KAFKA_BROKERS!.split(','), clientId: 'audit-test', topicPrefix: platform.env.KAFKA_TOPIC_PREFIX! });
  const topic = () => prefixedTopic({ topicPrefix: platform.env.KAFKA_TOPIC_PREFIX! }, 'auth.user.events.v1');
  const rowsFor = async (uuid: string) =>
    Number((await pg.query('SELECT count(*) AS n FROM audit_logs WHERE uuid = $1', [uuid])).rows[0].n);

  it('writes one row for an event delivered twice', async () => {
    const event = loggedIn();
    const duplicatesBefore = await totalOf(platformMetrics.consumerDuplicates);
    await publishRaw(kafka(), topic(), [{ key: event.aggregateId, value: JSON.stringify(event) }]);
    await eventually(async () => expect(await rowsFor(event.eventId)).toBe(1));
    await publishRaw(kafka(), topic(), [{ key: event.aggregateId, value: JSON.stringify(event) }]);
    await eventually(async () => expect(await totalOf(platformMetrics.consumerDuplicates)).toBeGreaterThan(duplicatesBefore));
    expect(await rowsFor(event.eventId)).toBe(1);
  });

  it('absorbs the duplicate a crashed relay re-sends: one row, nothing lost', async () => {
    const duplicatesBefore = await totalOf(platformMetrics.consumerDuplicates);
    const email = `relay-${randomUUID().slice(0, 8)}@example.com`;
    const res = await http('POST', `${platform.gatewayUrl}/api/v1/auth/register`, { body: { email, password: 'a sturdy passphrase 1' } });
    expect(res.status).toBe(201);
    await eventually(() => expect(relayCrashes).toBe(2));
    // The same event reached Kafka three times (two acknowledged-but-uncommitted sends, then the
    // committed one); the audit log holds it once and counted the absorbed copies.
    const userKey = `user-${res.body.id}`;
    const copies = await readTopic(kafka(), topic(), { done: (s) => s.filter((m) => m.key === userKey).length >= 3, timeoutMs: 20_000 });
    expect(copies.filter((m) => m.key === userKey)).toHaveLength(3);
    await eventually(async () => expect(await totalOf(platformMetrics.consumerDuplicates)).toBeGreaterThanOrEqual(duplicatesBefore + 2));
    const { rows } = await pg.query(`SELECT uuid FROM audit_logs WHERE user_email = $1 AND event_type = 'auth.user.registered'`, [email]);
    expect(rows).toHaveLength(1);
  });

  it('dead-letters a poison message and keeps consuming the same partition', async () => {
    const key = `user-${randomUUID()}`;
    const after = loggedIn(key);
    await publishRaw(kafka(), topic(), [
      { key, value: '{"truncated": ' },
      { key, value: JSON.stringify({ ...loggedIn(key), version: 2 }) },
      { key, value: JSON.stringify(after) },
    ]);
    await eventually(async () => expect(await rowsFor(after.eventId)).toBe(1));
    const dlq = prefixedTopic({ topicPrefix: platform.env.KAFKA_TOPIC_PREFIX! }, deadLetterTopic('audit'));
    const dead = await readTopic(kafka(), dlq, { done: (s) => s.filter((m) => m.key === key).length >= 2, timeoutMs: 20_000 });
    expect(
      dead
        .filter((m) => m.key === key)
        .map((m) => m.headers['dlq-error-code'])
        .sort(),
    ).toEqual(['CONTRACT.UNKNOWN_VERSION', 'MESSAGE.NOT_JSON']);
  });

  it('waits out a database outage longer than the retry budget: nothing dead-lettered, nothing lost', async () => {
    const name = platform.databases.audit!.name;
    const admin = new Client({ connectionString: TEST_POSTGRES_BASE });
    await admin.connect();
    const event = loggedIn();
    const deadBefore = await totalOf(platformMetrics.consumerDeadLettered);
    await pg.end();
    try {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      await publishRaw(kafka(), topic(), [{ key: event.aggregateId, value: JSON.stringify(event) }]);
      // The old budget (5 attempts, about 1.5 s) would have dead-lettered the event by now.
      await new Promise((r) => setTimeout(r, 5_000));
    } finally {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    pg = new Client({ connectionString: platform.databases.audit!.url });
    await pg.connect();
    await eventually(async () => expect(await rowsFor(event.eventId)).toBe(1), { timeoutMs: 30_000 });
    expect(await totalOf(platformMetrics.consumerDeadLettered)).toBe(deadBefore);
  });
});
