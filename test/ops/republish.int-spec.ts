import { Client } from 'pg';
import { eventRegistry, userRegistered } from '@mindhill/contracts';
import { createKafka, prefixedTopic, readKafkaPositions, readTopicsFrom } from '@mindhill/messaging';
import { eventually } from '@mindhill/testing';
import { countsOf } from '../../scripts/backup';
import { republish } from '../../scripts/republish';
import { http } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

// The lost-broker case: a service's stored events put back into its outbox go to Kafka again,
// with the public payload only, and a consumer that already had them records each once.
describe('npm run republish', () => {
  let platform: TestPlatform;
  const query = async (url: string, sql: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['auth', 'audit'] });
  }, 120_000);
  afterAll(() => platform?.close());

  it('sends every stored event again, and consumers drop the repeats', async () => {
    for (const n of [1, 2]) {
      const res = await http('POST', `${platform.gatewayUrl}/api/v1/auth/register`, {
        body: { email: `p${n}@example.com`, password: 'republish passphrase 42' },
      });
      expect(res.status).toBe(201);
    }
    const auth = platform.databases.auth!.url;
    await eventually(async () => expect((await countsOf(auth)).tables.outbox).toBe(0));
    const stored = Number((await query(auth, 'SELECT count(*) AS n FROM stored_event'))[0].n);
    const registrations = async () =>
      (
        await query(
          platform.databases.audit!.url,
          `SELECT uuid::text AS id FROM audit_logs WHERE event_type = '${userRegistered.type}' ORDER BY uuid`,
        )
      ).map((r) => String(r.id));
    await eventually(async () => expect(await registrations()).toHaveLength(2));
    const before = await registrations();

    const { events } = await republish(auth);
    expect(events).toBe(stored);
    await eventually(async () => expect((await countsOf(auth)).tables.outbox).toBe(0), { timeoutMs: 20_000 });

    // Each registration is on its topic twice now, and the copy holds no private field.
    const kafka = createKafka({
      brokers: platform.env.KAFKA_BROKERS!.split(','),
      clientId: 't',
      topicPrefix: platform.env.KAFKA_TOPIC_PREFIX!,
    });
    const topic = prefixedTopic({ topicPrefix: platform.env.KAFKA_TOPIC_PREFIX! }, userRegistered.topic);
    const messages = (await readTopicsFrom(kafka, { [topic]: {} })).map((m) => JSON.parse(m.value!.toString('utf8')));
    const registered = messages.filter((m) => m.type === userRegistered.type);
    expect(registered).toHaveLength(4);
    expect(new Set(registered.map((m) => m.eventId)).size).toBe(2);
    for (const m of registered) expect(eventRegistry.parse(m).payload).toEqual(m.payload);
    expect(JSON.stringify(registered)).not.toMatch(/passwordHash|argon2/);

    // Audit read the copies (its group reached the topic's end) and kept one row per event.
    await eventually(async () => {
      const positions = await readKafkaPositions(kafka, platform.env.KAFKA_TOPIC_PREFIX!, (g) => g.endsWith('audit.audit-log'));
      const group = Object.values(positions.groups)[0]!;
      expect(group[topic]).toEqual(positions.topicEnds[topic]);
    });
    expect(await registrations()).toEqual(before);
  });
});
