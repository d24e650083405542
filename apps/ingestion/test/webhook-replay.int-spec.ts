import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { signToken } from '../../../test/support/tokens';
import { signWebhook, webhookHeaders } from '../src/webhooks/domain/webhook-signature';

const SECRET = 'replay-test-secret-0123456789';

describe('inbound webhooks are replay-safe', () => {
  let platform: TestPlatform;
  let pg: Client;
  let hook: string;
  let url: string;
  const rows = async (sql: string, params: unknown[] = []) => (await pg.query(sql, params)).rows;
  const deliveries = async () => (await rows('SELECT count(*)::int AS n FROM webhook_deliveries'))[0].n as number;
  const post = (body: string, headers: Record<string, string>) => http('POST', url, { rawBody: body, headers });

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['ingestion'] });
    const token = await signToken(platform.tokenKey, { role: 'user', userNumber: 7 });
    const created = await http('POST', `${platform.gatewayUrl}/api/v1/data-sources`, {
      token,
      body: { name: 'hook', type: 'webhook', secret: SECRET },
    });
    expect(created.status).toBe(201);
    hook = created.body.id;
    url = `${platform.gatewayUrl}/api/v1/webhooks/${hook}`;
    pg = new Client({ connectionString: platform.databases.ingestion!.url });
    await pg.connect();
  });
  afterAll(async () => {
    await pg?.end();
    await platform?.close();
  });

  it('accepts a valid delivery once and refuses the same delivery again with 409 INGESTION.WEBHOOK_REPLAYED', async () => {
    const body = '{"order":1}';
    const headers = webhookHeaders(SECRET, body, 'msg_once');
    const first = await post(body, headers);
    expect(first.status).toBe(202);
    const again = await post(body, headers);
    expect([again.status, again.body.error.code]).toEqual([409, 'INGESTION.WEBHOOK_REPLAYED']);
    expect(await deliveries()).toBe(1);
    expect(await rows('SELECT webhook_id, delivery_id FROM webhook_replay_guard')).toEqual([
      { webhook_id: 'msg_once', delivery_id: first.body.deliveryId },
    ]);
  });

  it('refuses a delivery signed too long ago or too far ahead with 401 INGESTION.WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE', async () => {
    const body = '{"order":2}';
    for (const offsetMs of [-10 * 60_000, 10 * 60_000]) {
      const res = await post(body, webhookHeaders(SECRET, body, `msg_skew_${offsetMs}`, new Date(Date.now() + offsetMs)));
      expect([res.status, res.body.error.code]).toEqual([401, 'INGESTION.WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE']);
    }
    expect(await deliveries()).toBe(1);
  });

  it('refuses a tampered id, timestamp or body, and the old body-only signature, with 401 INGESTION.BAD_SIGNATURE', async () => {
    const body = '{"order":3}';
    const good = webhookHeaders(SECRET, body, 'msg_tamper');
    const attempts: [string, Record<string, string>][] = [
      [body, { ...good, 'webhook-id': 'msg_tamper_2' }],
      [body, { ...good, 'webhook-timestamp': String(Number(good['webhook-timestamp']) + 1) }],
      ['{"order":4}', good],
      [body, { 'x-mindhill-signature': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` }],
      [body, { ...good, 'webhook-signature': signWebhook('not the secret at all', 'msg_tamper', good['webhook-timestamp']!, body) }],
    ];
    for (const [b, headers] of attempts) {
      const res = await post(b, headers);
      expect([res.status, res.body.error.code]).toEqual([401, 'INGESTION.BAD_SIGNATURE']);
    }
    expect(await deliveries()).toBe(1);
    // The untampered original still goes through: refusals claimed nothing.
    expect((await post(body, good)).status).toBe(202);
  });

  it('lets exactly one of several concurrent identical deliveries through', async () => {
    const body = '{"order":5}';
    const headers = webhookHeaders(SECRET, body, 'msg_concurrent');
    const before = await deliveries();
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(body, headers)));
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409, 409, 409, 409, 409, 409, 409]);
    expect(await deliveries()).toBe(before + 1);
    expect(await rows(`SELECT count(*)::int AS n FROM stored_event WHERE type = 'ingestion.webhook.received'`)).toEqual([
      { n: before + 1 },
    ]);
  });

  it('forgets ids once their timestamp can no longer pass the freshness check', async () => {
    const [{ id: flux }] = await rows('SELECT id FROM data_sources WHERE uuid = $1', [hook]);
    await pg.query(
      `INSERT INTO webhook_replay_guard (flux_id, webhook_id, webhook_timestamp, delivery_id) VALUES ($1, 'msg_ancient', now() - interval '1 hour', gen_random_uuid())`,
      [flux],
    );
    const body = '{"order":6}';
    expect((await post(body, webhookHeaders(SECRET, body, 'msg_fresh'))).status).toBe(202);
    const ids = (await rows('SELECT webhook_id FROM webhook_replay_guard ORDER BY webhook_id')).map((r) => r.webhook_id);
    expect(ids).toEqual(['msg_concurrent', 'msg_fresh', 'msg_once', 'msg_tamper']);
  });
});
