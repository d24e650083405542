import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { rebuildProjections } from '@mindhill/persistence';
import { eventually, makeJobsDueSql } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { signToken } from '../../../test/support/tokens';
import { ingestionOrmConfig } from '../src/ingestion-backbone.module';
import { ingestionProjections } from '../src/ingestion.projections';
import { webhookHeaders } from '../src/webhooks/domain/webhook-signature';
import { readTopic } from '@mindhill/messaging';
import { createScratchPostgres, ScratchPostgres } from './scratch-postgres';
import {
  kafkaOf,
  publishExecutionFinished,
  publishStageRequest,
  SourceServer,
  stageAnswer,
  stageRequest,
  startSourceServer,
  topicOf,
  publishWorkflowCreated,
} from './ingestion-support';

const WEBHOOK_SECRET = 'webhook-secret-0123456789';
const DB_PASSWORD = 'db-password-not-shown';

describe('ingestion pipeline', () => {
  let platform: TestPlatform;
  let pg: Client;
  let sourceServer: SourceServer;
  let token: string;
  let folder: string;
  // `database` sources read a scratch database through a least-privilege role.
  let scratch: ScratchPostgres;
  let dbReader: string;
  const ids: Record<string, string> = {};

  const api = (method: string, url: string, body?: unknown, headers?: Record<string, string>) =>
    http(method, `${platform.gatewayUrl}${url}`, { body, token, headers });
  const createSource = async (body: Record<string, unknown>) => {
    const res = await api('POST', '/api/v1/data-sources', body);
    expect(res.status).toBe(201);
    return res.body as { id: string; fluxNumber: number; credentialsSet: string[]; config: Record<string, unknown> };
  };
  const rows = async (sql: string, params: unknown[] = []) => (await pg.query(sql, params)).rows;

  beforeAll(async () => {
    sourceServer = await startSourceServer();
    folder = mkdtempSync(path.join(tmpdir(), 'mindhill-files-'));
    mkdirSync(path.join(folder, 'sub'));
    writeFileSync(path.join(folder, 'notes.txt'), 'The report is ready and the numbers are in the table for you.');
    writeFileSync(path.join(folder, 'sub', 'values.csv'), 'a,b\n1,2\n');
    writeFileSync(path.join(folder, 'big.txt'), 'x'.repeat(4000));
    // No extension: outside the glob.
    writeFileSync(path.join(folder, 'ignored'), Buffer.from([0, 1, 2]));
    scratch = await createScratchPostgres('pipeline');
    await scratch.inDatabase('CREATE SEQUENCE counter');
    dbReader = await scratch.role(
      'reader',
      '',
      `GRANT CONNECT ON DATABASE ${scratch.database} TO {role}`,
      'GRANT USAGE ON SEQUENCE counter TO {role}',
    );
    const dbServer = new URL(scratch.urlFor(dbReader));
    // The outbound guard lets the fixture through by name and port, and port 1 (nothing listens)
    // for the unreachable case; nothing else on this machine.
    const allow = `${new URL(sourceServer.url).host},127.0.0.1:1`;
    platform = await startTestPlatform({
      services: ['ingestion', 'audit'],
      // Progress at every item (by default a fetch shorter than 500 ms reports only its outcome).
      env: {
        INGESTION_PROGRESS_EVERY_MS: '0',
        INGESTION_FILE_ROOTS: folder,
        INGESTION_DATABASE_ALLOW_HOSTS: dbServer.host,
        OUTBOUND_ALLOW_HOSTS: allow,
      },
    });
    token = await signToken(platform.tokenKey, { role: 'user', userNumber: 7 });
    pg = new Client({ connectionString: platform.databases.ingestion!.url });
    await pg.connect();
  });
  afterAll(async () => {
    await pg?.end();
    await platform?.close();
    await sourceServer?.close();
    await scratch?.drop();
  });

  it('creates each source type through the gateway, keeps credentials encrypted and never echoes them', async () => {
    const apiSource = await createSource({
      name: 'items api',
      type: 'api',
      url: `${sourceServer.url}/items.json`,
      headers: { Accept: 'application/json', 'X-API-Key': 'key-not-shown' },
    });
    expect(apiSource.credentialsSet).toEqual(['header:x-api-key']);
    expect(apiSource.config.headers).toEqual({ accept: 'application/json' });
    ids.items = apiSource.id;
    ids.ndjson = (await createSource({ name: 'events api', type: 'api', url: `${sourceServer.url}/events.ndjson` })).id;
    ids.csv = (await createSource({ name: 'csv api', type: 'api', url: `${sourceServer.url}/report.csv` })).id;
    const protectedSource = await createSource({
      name: 'protected api',
      type: 'api',
      url: `${sourceServer.url}/protected.txt`,
      headers: { Authorization: 'Bearer top-secret-token' },
    });
    ids.protected = protectedSource.id;
    ids.flaky = (await createSource({ name: 'flaky api', type: 'api', url: `${sourceServer.url}/flaky.txt` })).id;
    ids.files = (await createSource({ name: 'files', type: 'file', folder, glob: '**/*.*' })).id;
    const dbUrl = new URL(scratch.urlFor(dbReader, DB_PASSWORD));
    const database = await createSource({
      name: 'numbers db',
      type: 'database',
      connectionString: dbUrl.toString(),
      query: `SELECT n, 'row ' || n AS label FROM generate_series(1, 3) AS n ORDER BY n;`,
    });
    expect(database.credentialsSet).toEqual(['password']);
    expect(String(database.config.connectionString)).not.toContain(DB_PASSWORD);
    ids.database = database.id;
    const webhook = await createSource({ name: 'hook', type: 'webhook', secret: WEBHOOK_SECRET });
    expect(webhook).toMatchObject({ credentialsSet: ['webhookSecret'], webhookPath: `/api/v1/webhooks/${webhook.id}` });
    ids.webhook = webhook.id;

    // Nowhere in the API, the event store's public payloads or the outbox in clear.
    const listed = await api('GET', '/api/v1/data-sources?limit=50');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(8);
    const secrets = ['key-not-shown', 'top-secret-token', DB_PASSWORD, WEBHOOK_SECRET];
    const everything = JSON.stringify([
      listed.body,
      await rows('SELECT payload FROM stored_event'),
      await rows('SELECT * FROM data_sources'),
    ]);
    for (const s of secrets) expect(everything).not.toContain(s);
    // What left the service: the public payloads on Kafka and the audit log made from them.
    const published = await readTopic(kafkaOf(platform), topicOf(platform, 'ingestion.data-source.events.v1'), {
      done: (m) => m.length >= 8,
      timeoutMs: 30_000,
    });
    expect(published).toHaveLength(8);
    const publishedText = published.map((m) => m.value!.toString('utf8')).join('\n');
    expect(publishedText).not.toContain('encryptedCredentials');
    for (const s of secrets) expect(publishedText).not.toContain(s);
    const audit = new Client({ connectionString: platform.databases.audit!.url });
    await audit.connect();
    try {
      const logged = await eventually(
        async () => {
          const r = (
            await audit.query(
              `SELECT resource_name, event_details, new_values FROM audit_logs WHERE event_type = 'ingestion.data-source.created'`,
            )
          ).rows;
          expect(r).toHaveLength(8);
          return r;
        },
        { timeoutMs: 30_000 },
      );
      for (const s of secrets) expect(JSON.stringify(logged)).not.toContain(s);
    } finally {
      await audit.end();
    }
    expect((await rows(`SELECT count(*)::int AS n FROM data_sources WHERE credentials_encrypted IS NOT NULL`))[0].n).toBe(4);

    const one = await api('GET', `/api/v1/data-sources/${ids.items}`);
    expect(one.body).toMatchObject({ id: ids.items, name: 'items api', type: 'api', status: 'active' });
  });

  it('answers bad input with 400 and a code, a taken name with 409', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x', type: 'api' }, 'REQUEST.VALIDATION_FAILED'],
      [{ name: 'x', type: 'api', url: 'ftp://example.com/a' }, 'REQUEST.VALIDATION_FAILED'],
      [{ name: 'x', type: 'api', url: 'http://example.com', color: 'red' }, 'REQUEST.UNKNOWN_FIELDS'],
      [{ name: 'x', type: 'api', url: 'http://user:pw@example.com/a' }, 'INGESTION.CREDENTIALS_IN_URL'],
      [{ name: 'x', type: 'file', folder: 'relative/folder' }, 'INGESTION.FOLDER_NOT_ABSOLUTE'],
      [{ name: 'x', type: 'file', folder: '/etc' }, 'INGESTION.FOLDER_NOT_ALLOWED'],
      [{ name: 'x', type: 'file', folder: `${folder}-sibling` }, 'INGESTION.FOLDER_NOT_ALLOWED'],
      [{ name: 'x', type: 'file', folder, glob: '../*' }, 'INGESTION.GLOB_ESCAPES_FOLDER'],
      [{ name: 'x', type: 'database', connectionString: 'postgres://h/db', query: 'DELETE FROM users' }, 'INGESTION.INVALID_QUERY'],
      [{ name: 'x', type: 'database', connectionString: 'postgres://h/db', query: 'SELECT 1; DROP TABLE x' }, 'INGESTION.INVALID_QUERY'],
      [{ name: 'x', type: 'webhook', secret: 'short' }, 'REQUEST.VALIDATION_FAILED'],
      [{ name: 'x', type: 'ftp' }, 'REQUEST.VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) {
      const res = await api('POST', '/api/v1/data-sources', body);
      expect({ body, status: res.status, code: res.body.error?.code }).toEqual({ body, status: 400, code });
      expect(JSON.stringify(res.body)).not.toContain('pw@');
    }
    const taken = await api('POST', '/api/v1/data-sources', { name: 'Items API', type: 'api', url: 'http://example.com' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('INGESTION.DATA_SOURCE_NAME_TAKEN');
    // Names are unique per owner: another user's name is free, so a 409 never reveals it exists.
    const stranger = await signToken(platform.tokenKey, { role: 'user', userNumber: 99 });
    const sameName = await http('POST', `${platform.gatewayUrl}/api/v1/data-sources`, {
      token: stranger,
      body: { name: 'Items API', type: 'api', url: 'http://example.com' },
    });
    expect(sameName.status).toBe(201);
    expect((await api('GET', '/api/v1/data-sources/not-a-uuid')).status).toBe(404);
  });

  it('updates and archives a data source; a patch keeps secrets it does not mention', async () => {
    const created = await createSource({
      name: 'to change',
      type: 'api',
      url: `${sourceServer.url}/report.csv`,
      headers: { Authorization: 'Bearer keep-me' },
    });
    const patched = await api('PATCH', `/api/v1/data-sources/${created.id}`, { name: 'changed', format: 'text' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'changed',
      version: 2,
      credentialsSet: ['header:authorization'],
      config: { format: 'text' },
    });
    const wrong = await api('PATCH', `/api/v1/data-sources/${created.id}`, { folder: '/tmp' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('INGESTION.FIELD_NOT_FOR_TYPE');
    const archived = await api('POST', `/api/v1/data-sources/${created.id}/archive`);
    expect(archived.body).toMatchObject({ status: 'archived', version: 3 });
    expect((await api('PATCH', `/api/v1/data-sources/${created.id}`, { name: 'again' })).body.error.code).toBe(
      'INGESTION.DATA_SOURCE_ARCHIVED',
    );
    const audit = await rows(`SELECT type FROM stored_event WHERE stream_id = $1 ORDER BY version`, [`data-source-${created.id}`]);
    expect(audit.map((r) => r.type)).toEqual([
      'ingestion.data-source.created',
      'ingestion.data-source.updated',
      'ingestion.data-source.archived',
    ]);
  });

  let deliveries = 0;
  const signed = (secret: string, body: string) => webhookHeaders(secret, body, `msg_pipeline_${++deliveries}`);

  it('checks webhook signatures over the raw body and buffers signed payloads', async () => {
    const body = JSON.stringify({ order: 42, note: 'Der Auftrag ist nicht für dich und die Kunden sind auch nicht da' });
    const url = `${platform.gatewayUrl}/api/v1/webhooks/${ids.webhook}`;
    const good = await http('POST', url, { rawBody: body, headers: signed(WEBHOOK_SECRET, body) });
    expect(good.status).toBe(202);
    const bad = await http('POST', url, { rawBody: body, headers: signed('not the secret at all', body) });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('INGESTION.BAD_SIGNATURE');
    const missing = await http('POST', url, { rawBody: body });
    expect(missing.body.error.code).toBe('INGESTION.BAD_SIGNATURE');
    const text = 'plain text payload';
    const plain = await http('POST', url, { rawBody: text, headers: { 'content-type': 'text/plain', ...signed(WEBHOOK_SECRET, text) } });
    expect(plain.status).toBe(202);
    expect(
      (await http('POST', `${platform.gatewayUrl}/api/v1/webhooks/${ids.items}`, { rawBody: body, headers: signed(WEBHOOK_SECRET, body) }))
        .status,
    ).toBe(404);
    // At the service itself the signature is over the exact bytes, whatever the formatting or
    // media type (the gateway re-serialises JSON and refuses other media types; see README).
    const spaced = '{ "order" : 43 }';
    const direct = await http('POST', `${platform.urls.ingestion}/api/v1/webhooks/${ids.webhook}`, {
      rawBody: spaced,
      headers: { 'x-internal-token': platform.env.INTERNAL_API_TOKEN!, ...signed(WEBHOOK_SECRET, spaced) },
    });
    expect(direct.status).toBe(202);
    expect(await rows('SELECT count(*)::int AS n FROM webhook_deliveries WHERE consumed_by_fetching_id IS NULL')).toEqual([{ n: 3 }]);
  });

  let firstExecution: string;
  it('runs a fetching stage over every source type: history, content rows, bytes in the store, events', async () => {
    const request = stageRequest(Object.values(ids), { settings: { maxFileSizeMb: 0.002 } });
    firstExecution = request.executionId;
    await publishStageRequest(platform, request);
    const { answer, all } = await stageAnswer(platform, request.executionId);
    expect(answer.type).toBe('ingestion.stage.completed');
    expect(all.some((e) => e.type === 'ingestion.stage.progressed')).toBe(true);
    // items 3 + ndjson 2 + csv 1 + protected 1 + flaky 1 + files 2 + db 3 + webhook 3 = 16; big.txt is over the limit.
    expect(answer.payload).toMatchObject({ itemsSuccessful: 16, itemsFailed: 1, contentCount: 16, output: { duplicates: 0 } });
    expect((answer.payload.output as { failedItems: { source: string; reason: string }[] }).failedItems).toEqual([
      { source: 'file:files', reason: expect.stringContaining('big.txt: larger than') },
    ]);

    const [history] = await rows('SELECT * FROM fetching_history WHERE execution_id = $1', [request.executionId]);
    expect(history).toMatchObject({
      status: 'Success',
      number_of_content: 16,
      error_count: 1,
      stage_order: 1,
      attempt: 1,
      data_source_type: 'mixed',
    });
    expect(history.retry_attempts).toBeGreaterThanOrEqual(2);
    expect(history.headers_sent['api:protected api']).toMatchObject({ authorization: '[REDACTED]' });
    expect(history.headers_sent['api:items api']).toMatchObject({ 'x-api-key': '[REDACTED]', accept: 'application/json' });
    expect(history.content_types).toMatchObject({ json: 10, csv: 2, txt: 4 });
    expect(answer.payload.historyId).toBe(history.uuid);
    // The protected source really got its decrypted header.
    expect(sourceServer.requests.find((r) => r.path === '/protected.txt')?.headers.authorization).toBe('Bearer top-secret-token');

    const contents = await rows('SELECT * FROM fetched_contents ORDER BY content_id');
    expect(contents).toHaveLength(16);
    for (const c of contents) {
      const file = path.join(platform.env.CONTENT_STORE_DIR!, c.storage_path);
      expect(c.storage_path).toBe(`${c.content_hash.slice(0, 2)}/${c.content_hash}`);
      expect(existsSync(file)).toBe(true);
      expect(readFileSync(file).length).toBe(Number(c.file_size_bytes));
    }
    const protectedRow = contents.find((c) => c.content_name === 'protected.txt');
    expect(protectedRow).toMatchObject({
      language: 'fr',
      encoding: 'utf-8',
      mime_type: 'text/plain',
      file_extension: 'txt',
      word_count: 15,
    });
    expect(contents.find((c) => c.content_name === 'notes.txt')).toMatchObject({ language: 'en' });
    expect(contents.filter((c) => c.content_name.startsWith('numbers db#row')).map((c) => JSON.parse(c.content_preview))).toEqual([
      { n: 1, label: 'row 1' },
      { n: 2, label: 'row 2' },
      { n: 3, label: 'row 3' },
    ]);
    expect(await rows('SELECT count(*)::int AS n FROM webhook_deliveries WHERE consumed_by_fetching_id IS NULL')).toEqual([{ n: 0 }]);

    const listedContents = await api('GET', `/api/v1/contents?executionId=${request.executionId}&limit=10`);
    expect(listedContents.body.items).toHaveLength(10);
    const rest = await api('GET', `/api/v1/contents?executionId=${request.executionId}&limit=10&cursor=${listedContents.body.nextCursor}`);
    expect(rest.body).toMatchObject({ nextCursor: null });
    expect(rest.body.items).toHaveLength(6);
    const one = await api('GET', `/api/v1/contents/${listedContents.body.items[0].id}`);
    expect(one.body).toMatchObject({ id: listedContents.body.items[0].id, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // A fetching follows its workflow: invisible until ingestion hears that the workflow is theirs.
    expect((await api('GET', `/api/v1/fetchings?executionId=${request.executionId}`)).body.items).toEqual([]);
    await publishWorkflowCreated(platform, request.workflowId, 7);
    await eventually(
      async () => {
        const fetchings = await api('GET', `/api/v1/fetchings?executionId=${request.executionId}`);
        expect(fetchings.body.items).toEqual([
          expect.objectContaining({ fetchingId: history.fetching_id, status: 'Success', numberOfContent: 16 }),
        ]);
      },
      { timeoutMs: 20_000 },
    );

    // One content event per item on Kafka, for the processing service's read model.
    const contentEvents = await readTopic(kafkaOf(platform), topicOf(platform, 'ingestion.content.events.v1'), {
      done: (m) => m.length >= 16,
      timeoutMs: 30_000,
    });
    const payloads = contentEvents.map((m) => JSON.parse(m.value!.toString('utf8')).payload);
    expect(payloads).toHaveLength(16);
    expect(new Set(payloads.map((p) => p.contentId)).size).toBe(16);
    expect(payloads[0]).toMatchObject({
      executionId: request.executionId,
      stageOrder: 1,
      duplicate: false,
      fetchingId: history.fetching_id,
      fetchingUuid: history.uuid,
    });
    expect(payloads.map((p) => p.storageKey).sort()).toEqual(contents.map((c) => c.storage_path).sort());
  });

  it('recognises a re-fetch of the same bytes and stores nothing twice', async () => {
    const sources = [ids.items, ids.csv, ids.files, ids.database];
    const request = stageRequest(sources, { settings: { maxFileSizeMb: 0.002 } });
    await publishStageRequest(platform, request);
    const { answer } = await stageAnswer(platform, request.executionId);
    expect(answer.type).toBe('ingestion.stage.completed');
    expect(answer.payload).toMatchObject({ itemsSuccessful: 9, contentCount: 9, output: { duplicates: 9 } });
    expect(await rows('SELECT count(*)::int AS n FROM fetched_contents')).toEqual([{ n: 16 }]);
    const listed = await api('GET', `/api/v1/contents?executionId=${request.executionId}`);
    expect(listed.body.items).toHaveLength(9);
    expect(listed.body.items.every((i: { duplicate: boolean }) => i.duplicate)).toBe(true);
  });

  it('fails the stage with INGESTION.SOURCE_UNREACHABLE (retriable) when nothing could be reached', async () => {
    const down = await createSource({ name: 'down api', type: 'api', url: 'http://127.0.0.1:1/nothing' });
    const request = stageRequest([down.id]);
    await publishStageRequest(platform, request);
    const { answer } = await stageAnswer(platform, request.executionId);
    expect(answer.type).toBe('ingestion.stage.failed');
    expect(answer.payload).toMatchObject({ errorCode: 'INGESTION.SOURCE_UNREACHABLE', retriable: true });
    const [history] = await rows('SELECT status, retry_attempts, error_count FROM fetching_history WHERE execution_id = $1', [
      request.executionId,
    ]);
    expect(history).toEqual({ status: 'Failed', retry_attempts: 2, error_count: 1 });
  });

  it('runs database queries read-only: a write fails, and a stage with nothing fetched fails with INGESTION.NOTHING_FETCHED', async () => {
    const writer = await createSource({
      name: 'writer db',
      type: 'database',
      connectionString: scratch.urlFor(dbReader),
      query: `SELECT nextval('counter') AS n`,
    });
    const request = stageRequest([writer.id]);
    await publishStageRequest(platform, request);
    const { answer } = await stageAnswer(platform, request.executionId);
    expect(answer.type).toBe('ingestion.stage.failed');
    expect(answer.payload).toMatchObject({ errorCode: 'INGESTION.NOTHING_FETCHED', retriable: false });
    expect(answer.payload.errorMessage).toContain('read-only transaction');
  });

  it('fails with INGESTION.DATA_SOURCE_NOT_FOUND for an unknown source, and cancels pending jobs of a cancelled run', async () => {
    const request = stageRequest(['00000000-0000-4000-8000-000000000000']);
    await publishStageRequest(platform, request);
    const { answer } = await stageAnswer(platform, request.executionId);
    expect(answer.payload).toMatchObject({ errorCode: 'INGESTION.DATA_SOURCE_NOT_FOUND', retriable: false });

    // A job that is not due yet stays pending until the finished event cancels it.
    const key = `stage:${firstExecution}:9:1`;
    await pg.query(`INSERT INTO job (job_key, kind, payload, run_after) VALUES ($1, 'fetching-stage', '{}', now() + interval '1 hour')`, [
      key,
    ]);
    await publishExecutionFinished(platform, firstExecution, 'Cancelled');
    await eventually(
      async () => expect(await rows('SELECT status FROM job WHERE job_key = $1', [key])).toEqual([{ status: 'cancelled' }]),
      { timeoutMs: 30_000 },
    );
  });

  it('re-running the same job changes nothing', async () => {
    const snapshot = async () => ({
      events: await rows('SELECT event_id FROM stored_event ORDER BY position'),
      history: await rows('SELECT * FROM fetching_history ORDER BY fetching_id'),
      contents: await rows('SELECT * FROM fetched_contents ORDER BY content_id'),
    });
    const before = await snapshot();
    const key = `stage:${firstExecution}:1:1`;
    expect(await rows('SELECT status, attempts FROM job WHERE job_key = $1', [key])).toEqual([{ status: 'done', attempts: 1 }]);
    await pg.query(makeJobsDueSql('job_key = $1', "status = 'pending', run_after = now()"), [key]);
    await eventually(
      async () =>
        expect(await rows('SELECT status, attempts FROM job WHERE job_key = $1', [key])).toEqual([{ status: 'done', attempts: 2 }]),
      { timeoutMs: 30_000 },
    );
    expect(await snapshot()).toEqual(before);
  });

  it('rebuilds every projection row from the stored events', async () => {
    const tables = ingestionProjections.tables;
    const dump = async () => {
      const out: Record<string, unknown[]> = {};
      for (const t of tables) out[t] = await rows(`SELECT * FROM ${t} ORDER BY 1, 2`);
      return out;
    };
    const before = await dump();
    expect(before.fetched_contents.length).toBeGreaterThan(0);
    const orm = await MikroORM.init(
      ingestionOrmConfig({ INGESTION_DATABASE_URL: platform.databases.ingestion!.url, DATABASE_SSL_CA: undefined }),
    );
    try {
      await rebuildProjections(orm, 'ingestion', ingestionProjections);
    } finally {
      await orm.close();
    }
    expect(await dump()).toEqual(before);
  });
});
