import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { contentFetched, EventEnvelope, SYSTEM_ACTOR } from '@mindhill/contracts';
import { createKafka, prefixedTopic, publishRaw } from '@mindhill/messaging';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { signToken } from '../../../test/support/tokens';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';

const SHA = 'b'.repeat(64);
const fetchedPayload = (contentId: string) => ({
  contentId,
  contentNumber: 7,
  fluxId: randomUUID(),
  fluxNumber: 3,
  fetchingId: 5,
  fetchingUuid: randomUUID(),
  executionId: null,
  stageOrder: null,
  name: 'notes.txt',
  mimeType: 'text/plain',
  extension: 'txt',
  sizeBytes: 61,
  sha256: SHA,
  encoding: 'utf-8',
  language: 'en',
  preview: 'Confidential: the merger closes on Friday',
  wordCount: 7,
  storageKey: `bb/${SHA}`,
  duplicate: false,
  fetchedAt: new Date().toISOString(),
});

describe('audit rows of content events: no content, old rows scrubbed, the scrub recorded', () => {
  let platform: TestPlatform;
  let db: Client;
  let admin: string;
  const rows = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows;

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['audit'] });
    admin = await signToken(platform.tokenKey, { role: 'admin', userNumber: 1 });
    db = new Client({ connectionString: platform.databases.audit!.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  it('scrubs previews, summaries and outputs from rows already stored, keeps the rest, and records the scrub as an event', async () => {
    const old = async (type: string, payload: Record<string, unknown>) => {
      const uuid = randomUUID();
      await db.query(
        `INSERT INTO audit_logs (uuid, event_type, event_category, event_action, resource_type, event_details) VALUES ($1, $2, 'data', 'fetch', 'content', $3)`,
        [uuid, type, JSON.stringify({ payload, eventVersion: 1 })],
      );
      return uuid;
    };
    const fetched = await old('ingestion.content.fetched', fetchedPayload(randomUUID()));
    const processed = await old('processing.content.processed', {
      contentId: randomUUID(),
      textSha256: SHA,
      summary: 'Confidential summary',
      keywords: ['merger'],
      wordCount: 7,
    });
    const stage = await old('processing.stage.completed', {
      executionId: randomUUID(),
      stageOrder: 2,
      itemsTotal: 1,
      output: { keywords: ['merger'] },
    });
    const untouched = await old('auth.user.registered', { email: 'a@example.com' });

    const res = await http('POST', `${platform.gatewayUrl}/api/v1/audit-logs/scrub`, { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      scrubbed: 3,
      byEventType: { 'ingestion.content.fetched': 1, 'processing.content.processed': 1, 'processing.stage.completed': 1 },
    });
    const details = async (uuid: string) => (await rows('SELECT event_details FROM audit_logs WHERE uuid = $1', [uuid]))[0].event_details;
    const f = await details(fetched);
    expect(f.payload).not.toHaveProperty('preview');
    expect(f).toMatchObject({
      eventVersion: 1,
      payload: { sha256: SHA, sizeBytes: 61, mimeType: 'text/plain', name: 'notes.txt', contentNumber: 7 },
    });
    expect((await details(processed)).payload).toEqual(expect.objectContaining({ textSha256: SHA, wordCount: 7 }));
    expect((await details(processed)).payload).not.toHaveProperty('summary');
    expect((await details(stage)).payload).toEqual(expect.not.objectContaining({ output: expect.anything() }));
    expect((await details(untouched)).payload).toEqual({ email: 'a@example.com' });
    expect(JSON.stringify(await rows('SELECT event_details FROM audit_logs'))).not.toMatch(/Confidential|merger/);

    // The scrub is an event of the audit service, audited like any other.
    expect(await rows(`SELECT type FROM stored_event WHERE type = 'audit.scrub.completed'`)).toHaveLength(1);
    await eventually(
      async () => {
        const [row] = await rows(`SELECT new_values, user_id FROM audit_logs WHERE event_type = 'audit.scrub.completed'`);
        expect(row).toMatchObject({ user_id: 1, new_values: { scrubbed: 3, byEventType: { 'ingestion.content.fetched': 1 } } });
      },
      { timeoutMs: 30_000 },
    );
    // Nothing left: a second pass changes nothing.
    expect((await http('POST', `${platform.gatewayUrl}/api/v1/audit-logs/scrub`, { token: admin })).body.scrubbed).toBe(0);
    expect(
      (
        await http('POST', `${platform.gatewayUrl}/api/v1/audit-logs/scrub`, {
          token: await signToken(platform.tokenKey, { role: 'user' }),
        })
      ).status,
    ).toBe(403);
  });

  it('never stores the preview of a content event it consumes', async () => {
    const contentId = randomUUID();
    const event: EventEnvelope = {
      eventId: randomUUID(),
      type: contentFetched.type,
      version: 1,
      occurredAt: new Date().toISOString(),
      producer: 'ingestion',
      aggregateType: 'content',
      aggregateId: `content-${contentId}`,
      aggregateVersion: 1,
      correlationId: randomUUID(),
      causationId: null,
      actor: SYSTEM_ACTOR,
      payload: fetchedPayload(contentId),
    };
    const kafka = createKafka({
      brokers: platform.env.KAFKA_BROKERS!.split(','),
      clientId: 'scrub-test',
      topicPrefix: platform.env.KAFKA_TOPIC_PREFIX!,
    });
    await publishRaw(kafka, prefixedTopic({ topicPrefix: platform.env.KAFKA_TOPIC_PREFIX! }, contentFetched.topic), [
      { key: event.aggregateId, value: JSON.stringify(event) },
    ]);
    const row = await eventually(
      async () => {
        const [found] = await rows('SELECT event_details, new_values FROM audit_logs WHERE uuid = $1', [event.eventId]);
        expect(found).toBeDefined();
        return found;
      },
      { timeoutMs: 30_000 },
    );
    expect(row.event_details.payload).toMatchObject({ contentId, sha256: SHA, sizeBytes: 61, mimeType: 'text/plain' });
    expect(JSON.stringify(row)).not.toContain('Confidential');
  });
});
