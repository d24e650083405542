import { Client } from 'pg';
import { createKafka, prefixedTopic, publishRaw, readTopic } from '@mindhill/messaging';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { signToken } from '../../../test/support/tokens';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';

describe('dead letters: collected, listed, inspected, replayed, discarded — by admins, audited', () => {
  let platform: TestPlatform;
  let admin: string;
  const call = (method: string, path: string, token = admin) => http(method, `${platform.gatewayUrl}/api/v1${path}`, { token });

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['workflows', 'audit'] });
    admin = await signToken(platform.tokenKey, { role: 'admin', userNumber: 1 });
  });
  afterAll(() => platform?.close());

  it('turns a poison message into a pending dead letter an admin can replay or discard', async () => {
    const kafka = createKafka({
      brokers: platform.env.KAFKA_BROKERS!.split(','),
      clientId: 'dlq-test',
      topicPrefix: platform.env.KAFKA_TOPIC_PREFIX!,
    });
    const topic = prefixedTopic({ topicPrefix: platform.env.KAFKA_TOPIC_PREFIX! }, 'ingestion.stage.events.v1');
    // The workflows consumer cannot read this: it dead-letters it, and audit collects it.
    await publishRaw(kafka, topic, [{ key: 'poison-1', value: 'not { json' }]);

    const pending = await eventually(
      async () => {
        const res = await call('GET', '/dead-letters?service=workflows');
        expect(res.body.items).toHaveLength(1);
        return res.body.items[0];
      },
      { timeoutMs: 20_000 },
    );
    expect(pending).toMatchObject({
      service: 'workflows',
      errorCode: 'MESSAGE.NOT_JSON',
      status: 'pending',
      originalTopic: topic,
      key: 'poison-1',
    });
    const detail = await call('GET', `/dead-letters/${pending.id}`);
    expect(detail.body.value).toBe('not { json');

    expect((await call('GET', '/dead-letters', await signToken(platform.tokenKey, { role: 'user' }))).status).toBe(403);

    const replayed = await call('POST', `/dead-letters/${pending.id}/replay`);
    expect(replayed.body.status).toBe('replayed');
    const copies = await readTopic(kafka, topic, { done: (s) => s.filter((m) => m.key === 'poison-1').length >= 2, timeoutMs: 15_000 });
    expect(copies.filter((m) => m.key === 'poison-1')[1]!.headers['dlq-replayed-from']).toBe(pending.id);

    // Still poison: it comes back as a new dead letter, which is discarded.
    const again = await eventually(
      async () => {
        const res = await call('GET', '/dead-letters?service=workflows');
        expect(res.body.items).toHaveLength(1);
        expect(res.body.items[0].id).not.toBe(pending.id);
        return res.body.items[0];
      },
      { timeoutMs: 20_000 },
    );
    expect((await call('POST', `/dead-letters/${again.id}/discard`)).body.status).toBe('discarded');
    const twice = await call('POST', `/dead-letters/${again.id}/discard`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('AUDIT.DEAD_LETTER_RESOLVED');

    const metrics = await (await fetch(`${platform.urls.audit}/metrics`)).text();
    expect(metrics).toMatch(/dead_letter_pending_messages\{[^}]*consumer_service="workflows"[^}]*\} 0/);

    const audit = new Client({ connectionString: platform.databases.audit!.url });
    await audit.connect();
    try {
      await eventually(async () => {
        const { rows } = await audit.query(
          `SELECT event_type, user_id FROM audit_logs WHERE event_type LIKE 'audit.dead-letter.%' ORDER BY id`,
        );
        expect(rows).toEqual([
          { event_type: 'audit.dead-letter.replayed', user_id: 1 },
          { event_type: 'audit.dead-letter.discarded', user_id: 1 },
        ]);
      });
    } finally {
      await audit.end();
    }
  });
});
