import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { readTopic } from '@mindhill/messaging';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { signToken } from '../../../test/support/tokens';
import { kafkaOf, publishStageRequest, stageAnswer, stageRequest, topicOf } from './ingestion-support';

// What an `api` or `file` source can reach: only allowed destinations through the outbound
// guard, secrets kept secret, and only real paths inside the allowed roots.
const SECRETS = {
  authorization: 'Bearer auth-secret-1a2b',
  tenant: 'tenant-secret-3c4d',
  sig: 'query-secret-5e6f',
  apiKey: 'url-key-secret-7a8b',
  password: 'body-secret-9c0d',
};
const MARKER = 'MARKER-outside-the-roots-1f2e3d';

type Seen = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

describe('source boundaries', () => {
  let platform: TestPlatform;
  let pg: Client;
  let token: string;
  let fixture: Server;
  let fixtureOrigin: string;
  let root: string;
  let outside: string;
  const seen: Seen[] = [];
  const api = (method: string, url: string, body?: unknown) => http(method, `${platform.gatewayUrl}${url}`, { body, token });
  const rows = async (sql: string, params: unknown[] = []) => (await pg.query(sql, params)).rows;
  const createSource = async (body: Record<string, unknown>) => {
    const res = await api('POST', '/api/v1/data-sources', body);
    expect(res.status).toBe(201);
    return res.body as { id: string; credentialsSet: string[]; config: Record<string, unknown> };
  };
  const runStage = async (ids: string[]) => {
    const request = stageRequest(ids);
    await publishStageRequest(platform, request);
    const { answer } = await stageAnswer(platform, request.executionId);
    const [history] = await rows('SELECT * FROM fetching_history WHERE execution_id = $1', [request.executionId]);
    return { answer, history };
  };

  beforeAll(async () => {
    fixture = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        const [route] = (req.url ?? '').split('?');
        const redirect = (location: string) => res.writeHead(302, { location }).end();
        if (route === '/report.txt')
          return res.writeHead(200, { 'content-type': 'text/plain' }).end('The weekly report is ready for everyone to read today.');
        if (route === '/to-own-port') return redirect(`${platform.urls.ingestion}/health/ready`);
        if (route === '/to-metadata') return redirect('http://169.254.169.254/latest/meta-data/iam/');
        if (route === '/to-localhost') return redirect(`http://localhost:${(fixture.address() as AddressInfo).port}/report.txt`);
        res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => fixture.listen(0, '127.0.0.1', resolve));
    fixtureOrigin = `http://127.0.0.1:${(fixture.address() as AddressInfo).port}`;

    // An allowed root with links leading out of it, and a marker outside it.
    root = mkdtempSync(path.join(tmpdir(), 'mindhill-root-'));
    outside = mkdtempSync(path.join(tmpdir(), 'mindhill-outside-'));
    writeFileSync(path.join(outside, 'secret.txt'), `${MARKER} must never become content.`);
    mkdirSync(path.join(root, 'data', 'sub'), { recursive: true });
    writeFileSync(path.join(root, 'data', 'ok.txt'), 'An ordinary file inside the allowed root folder.');
    writeFileSync(path.join(root, 'elsewhere.txt'), 'Another file inside the root, reached through a link.');
    symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'data', 'leak.txt'));
    symlinkSync('/etc/passwd', path.join(root, 'data', 'sub', 'passwd.txt'));
    symlinkSync(outside, path.join(root, 'data', 'outdir'));
    symlinkSync(path.join(root, 'elsewhere.txt'), path.join(root, 'data', 'inside-link.txt'));
    symlinkSync(outside, path.join(root, 'linked-folder'));

    platform = await startTestPlatform({
      services: ['ingestion', 'audit'],
      // The name 127.0.0.1 on any port: the fixture passes; 127.0.0.2, `localhost` and the
      // platform's own ports (this service's, PostgreSQL's, the broker's) still do not.
      env: { INGESTION_FILE_ROOTS: root, OUTBOUND_ALLOW_HOSTS: '127.0.0.1' },
    });
    token = await signToken(platform.tokenKey, { role: 'user', userNumber: 7 });
    pg = new Client({ connectionString: platform.databases.ingestion!.url });
    await pg.connect();
  });
  afterAll(async () => {
    await pg?.end();
    await platform?.close();
    fixture?.closeAllConnections();
    await new Promise<void>((resolve) => (fixture ? fixture.close(() => resolve()) : resolve()));
  });

  it('refuses at save a URL whose literal address the guard refuses, in any spelling', async () => {
    const port = (fixture.address() as AddressInfo).port;
    const ownPort = new URL(platform.urls.ingestion!).port;
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:a9fe:a9fe]/',
      'http://2852039166/',
      'http://10.0.0.1/',
      `http://localhost:${port}/report.txt`,
      `http://127.0.0.2:${port}/report.txt`,
      `http://[::ffff:127.0.0.1]:${ownPort}/`,
      `http://127.0.0.1:${ownPort}/health`,
      'http://0x7f.1:5432/',
      `http://${platform.env.KAFKA_BROKERS!.split(',')[0]}/`,
    ]) {
      const res = await api('POST', '/api/v1/data-sources', { name: `refused ${url}`, type: 'api', url });
      expect({ url, status: res.status, code: res.body.error?.code }).toEqual({
        url,
        status: 400,
        code: 'OUTBOUND.DESTINATION_NOT_ALLOWED',
      });
    }
    const patched = await api(
      'PATCH',
      `/api/v1/data-sources/${(await createSource({ name: 'fine', type: 'api', url: `${fixtureOrigin}/report.txt` })).id}`,
      { url: 'http://169.254.169.254/' },
    );
    expect([patched.status, patched.body.error.code]).toEqual([400, 'OUTBOUND.DESTINATION_NOT_ALLOWED']);
  });

  it('fails the fetching with the guard code when a redirect leads to the platform, metadata or a loopback name', async () => {
    const sources = await Promise.all(
      ['to-own-port', 'to-metadata', 'to-localhost'].map((r) => createSource({ name: r, type: 'api', url: `${fixtureOrigin}/${r}` })),
    );
    const before = seen.length;
    const { answer, history } = await runStage(sources.map((s) => s.id));
    expect(answer.type).toBe('ingestion.stage.failed');
    expect(answer.payload).toMatchObject({ errorCode: 'INGESTION.NOTHING_FETCHED', retriable: false });
    expect(history).toMatchObject({ status: 'Failed', error_count: 3, retry_attempts: 0 });
    expect(history.failed_items).toEqual(
      ['to-own-port', 'to-metadata', 'to-localhost'].map((r) => ({
        source: `api:${r}`,
        reason: 'OUTBOUND.DESTINATION_NOT_ALLOWED: The destination is not allowed',
      })),
    );
    expect(history.error_message).toContain('OUTBOUND.DESTINATION_NOT_ALLOWED');
    // Only the three first hops reached the fixture; the localhost hop never did.
    expect(
      seen
        .slice(before)
        .map((s) => s.url)
        .sort(),
    ).toEqual(['/to-localhost', '/to-metadata', '/to-own-port']);
  });

  it('keeps api secrets (headers, query, body) out of answers, events, audit and history, and sends them', async () => {
    const created = await createSource({
      name: 'secret api',
      type: 'api',
      method: 'POST',
      url: `${fixtureOrigin}/report.txt?page=1&api_key=${SECRETS.apiKey}`,
      headers: { Accept: 'text/plain', Authorization: SECRETS.authorization },
      secretHeaders: { 'X-Tenant': SECRETS.tenant },
      secretQuery: { sig: SECRETS.sig },
      body: { query: 'weekly' },
      secretBody: { password: SECRETS.password },
    });
    expect(created.credentialsSet).toEqual(['body:password', 'header:authorization', 'header:x-tenant', 'query:api_key', 'query:sig']);
    expect(created.config).toEqual({
      url: `${fixtureOrigin}/report.txt?page=1`,
      method: 'POST',
      headers: { accept: 'text/plain' },
      body: { query: 'weekly' },
      format: 'auto',
    });

    // PATCH of the plain headers keeps the secret ones (and the other secrets).
    const patched = await api('PATCH', `/api/v1/data-sources/${created.id}`, { headers: { Accept: 'text/*', 'X-Trace': 'on' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      version: 2,
      config: { headers: { accept: 'text/*', 'x-trace': 'on' } },
      credentialsSet: created.credentialsSet,
    });

    const { answer, history } = await runStage([created.id]);
    expect(answer.type).toBe('ingestion.stage.completed');
    // The request really carried every secret.
    const request = seen.findLast((s) => s.url.startsWith('/report.txt'))!;
    const query = new URL(request.url, fixtureOrigin).searchParams;
    expect({ page: query.get('page'), apiKey: query.get('api_key'), sig: query.get('sig') }).toEqual({
      page: '1',
      apiKey: SECRETS.apiKey,
      sig: SECRETS.sig,
    });
    expect(request.headers).toMatchObject({
      authorization: SECRETS.authorization,
      'x-tenant': SECRETS.tenant,
      accept: 'text/*',
      'x-trace': 'on',
    });
    expect(JSON.parse(request.body)).toEqual({ query: 'weekly', password: SECRETS.password });
    expect(history.headers_sent['api:secret api']).toMatchObject({
      authorization: '[REDACTED]',
      'x-tenant': '[REDACTED]',
      accept: 'text/*',
    });

    // Nowhere in what is shown or kept in clear.
    const shown = JSON.stringify([
      (await api('GET', `/api/v1/data-sources/${created.id}`)).body,
      (await api('GET', '/api/v1/data-sources?limit=200')).body,
      (await api('GET', `/api/v1/fetchings?executionId=${answer.payload.executionId}`)).body,
      await rows(`SELECT payload FROM stored_event`),
      await rows(`SELECT config, credentials_set FROM data_sources`),
      await rows(`SELECT * FROM fetching_history`),
    ]);
    const published = await readTopic(kafkaOf(platform), topicOf(platform, 'ingestion.data-source.events.v1'), {
      done: (m) =>
        m.some(
          (x) => x.value!.toString('utf8').includes('ingestion.data-source.updated') && x.value!.toString('utf8').includes(created.id),
        ),
      timeoutMs: 30_000,
    });
    const publishedText = published.map((m) => m.value!.toString('utf8')).join('\n');
    expect(publishedText).toContain(created.id);
    const audit = new Client({ connectionString: platform.databases.audit!.url });
    await audit.connect();
    let audited: string;
    try {
      audited = await eventually(
        async () => {
          const r = (
            await audit.query(
              `SELECT * FROM audit_logs WHERE event_type IN ('ingestion.data-source.created', 'ingestion.data-source.updated') AND resource_name = 'secret api'`,
            )
          ).rows;
          expect(r).toHaveLength(2);
          return JSON.stringify(r);
        },
        { timeoutMs: 30_000 },
      );
    } finally {
      await audit.end();
    }
    for (const value of Object.values(SECRETS)) {
      expect(shown).not.toContain(value);
      expect(publishedText).not.toContain(value);
      expect(audited).not.toContain(value);
    }
  });

  it('reads files only on real paths inside the roots: links leading out are refused and recorded', async () => {
    const files = await createSource({ name: 'linked files', type: 'file', folder: path.join(root, 'data'), glob: '**/*' });
    // Accepted at save (the path as written is inside the root); refused when read.
    const linkedFolder = await createSource({ name: 'linked folder', type: 'file', folder: path.join(root, 'linked-folder'), glob: '*' });
    const { answer, history } = await runStage([files.id, linkedFolder.id]);
    expect(answer.type).toBe('ingestion.stage.completed');
    const contents = await rows(
      'SELECT content_name, content_preview, storage_path FROM fetched_contents WHERE fetching_id = $1 ORDER BY content_name',
      [history.fetching_id],
    );
    expect(contents.map((c) => c.content_name)).toEqual(['inside-link.txt', 'ok.txt']);
    expect(history.failed_items).toEqual(
      expect.arrayContaining([
        { source: 'file:linked files', reason: 'leak.txt: INGESTION.PATH_OUTSIDE_ROOTS: leads outside the allowed roots' },
        { source: 'file:linked files', reason: 'outdir: INGESTION.PATH_OUTSIDE_ROOTS: leads outside the allowed roots' },
        { source: 'file:linked files', reason: 'sub/passwd.txt: INGESTION.PATH_OUTSIDE_ROOTS: leads outside the allowed roots' },
        {
          source: 'file:linked folder',
          reason: 'INGESTION.PATH_OUTSIDE_ROOTS: the folder leads outside the allowed roots (INGESTION_FILE_ROOTS)',
        },
      ]),
    );
    expect(history.failed_items).toHaveLength(4);
    // The marker is in no content row and in no stored blob.
    expect(JSON.stringify(await rows('SELECT * FROM fetched_contents'))).not.toContain(MARKER);
    const store = platform.env.CONTENT_STORE_DIR!;
    for (const dir of readdirSync(store, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const blob of readdirSync(path.join(store, dir.name))) {
        const text = readFileSync(path.join(store, dir.name, blob), 'utf8');
        expect(text).not.toContain(MARKER);
        expect(text).not.toContain('root:x:0:0');
      }
    }
  });
});
