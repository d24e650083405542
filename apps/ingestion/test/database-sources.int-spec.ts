import { Client } from 'pg';
import { buildOutboundPolicy } from '@mindhill/platform';
import { TEST_POSTGRES_BASE } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { signToken } from '../../../test/support/tokens';
import { DatabaseSourcePolicy, parseAllowHosts } from '../src/data-sources/domain/database-source-policy';
import { DataSourceRow } from '../src/data-sources/infrastructure/data-source.repository';
import { emptyStats } from '../src/fetching/domain/fetch-collector';
import { readDatabaseSource } from '../src/fetching/infrastructure/readers/database-source.reader';
import { ReadContext, ResolvedSource } from '../src/fetching/infrastructure/readers/source-reader';
import { createScratchPostgres, ScratchPostgres } from './scratch-postgres';

const server = new URL(TEST_POSTGRES_BASE);
const ALLOWED = `${server.hostname}:${server.port || 5432}`;

// The reader against real roles on the test server: what a fetching stage would get from it.
async function read(policy: DatabaseSourcePolicy, connectionString: string, query: string, maxRows = 100, timeoutMs = 5_000) {
  const items: { name: string; json: unknown }[] = [];
  const failures: { reason: string; unreachable: boolean }[] = [];
  const source: ResolvedSource = {
    row: {
      id: 1,
      uuid: '00000000-0000-4000-8000-000000000001',
      name: 'db',
      source_type: 'database',
      config: { connectionString, query, maxRows },
    } as unknown as DataSourceRow,
    credentials: {},
    label: 'database:db',
  };
  const ctx: ReadContext = {
    maxBytes: 1_000_000,
    timeoutMs,
    fileRoots: [],
    outbound: buildOutboundPolicy({}),
    stats: emptyStats(),
    emit: async (_s, name, bytes) => void items.push({ name, json: JSON.parse(bytes.toString('utf8')) }),
    fail: (_s, reason, unreachable) => void failures.push({ reason, unreachable }),
  };
  await readDatabaseSource(source, ctx, policy);
  return { items, failures };
}

describe('database sources: least privilege', () => {
  let scratch: ScratchPostgres;
  let marked: ScratchPostgres;
  let reader: string;
  let policy: DatabaseSourcePolicy;

  beforeAll(async () => {
    scratch = await createScratchPostgres('lp');
    await scratch.inDatabase(`CREATE TABLE items (id serial PRIMARY KEY, label text NOT NULL)`);
    await scratch.inDatabase(`INSERT INTO items (label) SELECT 'item ' || n FROM generate_series(1, 5) AS n`);
    // The role the README tells operators to create.
    reader = await scratch.role(
      'reader',
      '',
      `GRANT CONNECT ON DATABASE ${scratch.database} TO {role}`,
      'GRANT USAGE ON SCHEMA public TO {role}',
      'GRANT SELECT ON items TO {role}',
      'GRANT USAGE ON SEQUENCE items_id_seq TO {role}',
      'GRANT DELETE ON items TO {role}',
      `ALTER ROLE {role} SET default_transaction_read_only = on`,
    );
    // A database that looks like a platform service's, under a name nobody listed.
    marked = await createScratchPostgres('marked');
    await marked.inDatabase('CREATE TABLE stored_event (position bigserial PRIMARY KEY)');
    await marked.inDatabase('GRANT SELECT ON stored_event TO PUBLIC');
    policy = { allowHosts: parseAllowHosts(ALLOWED), platformDatabases: ['mindhill_auth'] };
  });
  afterAll(async () => {
    await marked?.drop();
    await scratch?.drop();
  });

  it('reads through a least-privilege role, at most maxRows rows, and reports the truncation', async () => {
    const all = await read(policy, scratch.urlFor(reader), 'SELECT id, label FROM items ORDER BY id');
    expect(all.failures).toEqual([]);
    expect(all.items.map((i) => i.json)).toEqual([1, 2, 3, 4, 5].map((n) => ({ id: n, label: `item ${n}` })));
    const capped = await read(policy, scratch.urlFor(reader), 'SELECT id FROM items ORDER BY id', 3);
    expect(capped.items.map((i) => i.json)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(capped.failures).toEqual([{ reason: expect.stringContaining('INGESTION.DATABASE_ROWS_TRUNCATED'), unreachable: false }]);
  });

  it.each([
    ['a superuser', 'SUPERUSER', [], 'superuser'],
    ['a member of pg_read_server_files', '', ['GRANT pg_read_server_files TO {role}'], 'member of pg_read_server_files'],
    ['a member of pg_signal_backend', '', ['GRANT pg_signal_backend TO {role}'], 'member of pg_signal_backend'],
    ['a CREATEROLE role', 'CREATEROLE', [], 'CREATEROLE'],
    [
      'a role granted pg_read_file() directly',
      '',
      ['GRANT EXECUTE ON FUNCTION pg_read_file(text) TO {role}'],
      'may execute pg_read_file(text)',
    ],
  ])('refuses %s before running any query', async (_label, options, grants, problem) => {
    const role = await scratch.role(
      problem.replace(/\W+/g, '').slice(0, 12).toLowerCase(),
      options,
      `GRANT SELECT ON items TO {role}`,
      ...grants,
    );
    const result = await read(policy, scratch.urlFor(role), `SELECT pg_read_file('/etc/passwd') AS f`);
    expect(result.items).toEqual([]);
    expect(result.failures).toEqual([{ reason: expect.stringMatching(/^INGESTION\.DATABASE_ROLE_TOO_POWERFUL: /), unreachable: false }]);
    expect(result.failures[0]!.reason).toContain(problem);
  });

  it('refuses a role that can become a powerful one through membership, and the real superuser', async () => {
    const group = await scratch.role('filegroup', 'NOLOGIN', 'GRANT pg_read_server_files TO {role}');
    const nested = await scratch.role('nested', '', `GRANT ${group} TO {role}`);
    expect((await read(policy, scratch.urlFor(nested), 'SELECT 1 AS one')).failures[0]!.reason).toContain('member of pg_read_server_files');
    const result = await read(policy, scratch.urlFor(server.username || 'postgres'), 'SELECT 1 AS one');
    expect(result.failures[0]!.reason).toMatch(/^INGESTION\.DATABASE_ROLE_TOO_POWERFUL: .*superuser/);
  });

  it("refuses the platform's own database on connect, by name or by its tables, and a host no longer allowed", async () => {
    const byTables = await read(policy, marked.urlFor(reader), 'SELECT 1 AS one');
    expect(byTables.failures).toEqual([
      { reason: expect.stringMatching(/^INGESTION\.PLATFORM_DATABASE: .*stored_event/), unreachable: false },
    ]);
    const byName = await read({ ...policy, platformDatabases: [scratch.database] }, scratch.urlFor(reader), 'SELECT 1 AS one');
    expect(byName.failures[0]!.reason).toMatch(/^INGESTION\.PLATFORM_DATABASE: /);
    const notAllowed = await read({ ...policy, allowHosts: [] }, scratch.urlFor(reader), 'SELECT 1 AS one');
    expect(notAllowed.failures[0]!.reason).toMatch(/^INGESTION\.DATABASE_HOST_NOT_ALLOWED: /);
  });

  it('makes writes, sequence changes, signalling and long queries fail harmlessly', async () => {
    const watcher = new Client({ connectionString: TEST_POSTGRES_BASE });
    await watcher.connect();
    try {
      const [{ pid }] = (await watcher.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
      const attempts: [string, RegExp][] = [
        ['WITH gone AS (DELETE FROM items RETURNING id) SELECT * FROM gone', /data-modifying|read-only/],
        [`SELECT nextval('items_id_seq') AS n`, /read-only transaction/],
        [`SELECT pg_terminate_backend(${pid}) AS killed`, /permission denied|must be a (member|superuser)/],
        [`SELECT pg_sleep(5) AS slept`, /statement timeout/],
      ];
      for (const [query, error] of attempts) {
        const result = await read(policy, scratch.urlFor(reader), query, 100, 1_000);
        expect(result.items).toEqual([]);
        expect(result.failures).toEqual([{ reason: expect.stringMatching(error), unreachable: false }]);
      }
      expect((await watcher.query('SELECT 1 AS alive')).rows).toEqual([{ alive: 1 }]);
      expect(await scratch.inDatabase('SELECT count(*)::int AS n, max(id) AS last FROM items')).toEqual([{ n: 5, last: 5 }]);
    } finally {
      await watcher.end();
    }
  });

  describe('at save, through the gateway', () => {
    let platform: TestPlatform;
    let token: string;
    beforeAll(async () => {
      platform = await startTestPlatform({ services: ['ingestion'], env: { INGESTION_DATABASE_ALLOW_HOSTS: ALLOWED } });
      token = await signToken(platform.tokenKey, { role: 'user', userNumber: 7 });
    });
    afterAll(async () => {
      await platform?.close();
    });
    const create = (connectionString: string) =>
      http('POST', `${platform.gatewayUrl}/api/v1/data-sources`, {
        token,
        body: { name: `db ${Math.random()}`, type: 'database', connectionString, query: 'SELECT id FROM items' },
      });

    it('accepts an allowed host, refuses any other with 400 INGESTION.DATABASE_HOST_NOT_ALLOWED', async () => {
      expect((await create(scratch.urlFor(reader))).status).toBe(201);
      for (const url of [
        `postgres://${reader}@localhost:5432/${scratch.database}`,
        `postgres://${reader}@${server.hostname}:5433/${scratch.database}`,
        `postgres://${reader}@10.1.2.3/x`,
      ]) {
        const res = await create(url);
        expect([res.status, res.body.error.code]).toEqual([400, 'INGESTION.DATABASE_HOST_NOT_ALLOWED']);
      }
      const redirected = await create(`${scratch.urlFor(reader)}?host=/var/run/postgresql`);
      expect([redirected.status, redirected.body.error.code]).toEqual([400, 'INGESTION.INVALID_CONNECTION_STRING']);
    });

    it("refuses the platform's own databases with 400 INGESTION.PLATFORM_DATABASE", async () => {
      const own = new URL(platform.databases.ingestion!.url);
      own.username = reader;
      for (const url of [own.toString(), `postgres://${reader}@${ALLOWED}/mindhill_auth`]) {
        const res = await create(url);
        expect([res.status, res.body.error.code]).toEqual([400, 'INGESTION.PLATFORM_DATABASE']);
      }
    });
  });
});
