import { Client } from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { createOrmConfig, rebuildProjections } from '@mindhill/persistence';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { authProjections } from '../src/auth.projections';

describe('users projection rebuild', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['auth'] });
  });
  afterAll(() => platform?.close());

  it('rebuilds users from stored events into the same rows', async () => {
    for (const n of [1, 2, 3]) {
      await http('POST', `${platform.gatewayUrl}/api/v1/auth/register`, { body: { email: `r${n}@example.com`, password: 'rebuild passphrase 55' } });
    }
    await http('POST', `${platform.gatewayUrl}/api/v1/auth/login`, { body: { email: 'r1@example.com', password: 'rebuild passphrase 55' } });
    await http('POST', `${platform.gatewayUrl}/api/v1/auth/login`, { body: { email: 'r2@example.com', password: 'not the password!' } });

    const db = new Client({ connectionString: platform.databases.auth!.url });
    await db.connect();
    try {
    const snapshot = async () => [
      ...(await db.query('SELECT * FROM users ORDER BY id')).rows,
      ...(await db.query('SELECT * FROM application_sessions ORDER BY id')).rows,
    ];
    const before = await snapshot();
    expect(before).toHaveLength(4);

    const orm = await MikroORM.init(createOrmConfig({ clientUrl: platform.databases.auth!.url, entities: authProjections.entities, migrations: [] }));
    const { events } = await rebuildProjections(orm, 'auth', authProjections);
    await orm.close();

    expect(events).toBe(6);
    expect(await snapshot()).toEqual(before);
    // The sequence continues after the replayed ids.
    const next = await http('POST', `${platform.gatewayUrl}/api/v1/auth/register`, { body: { email: 'r4@example.com', password: 'rebuild passphrase 55' } });
    expect(next.status).toBe(201);
    expect((await db.query(`SELECT id FROM users WHERE email = 'r4@example.com'`)).rows[0].id).toBe(4);
    } finally {
      await db.end();
    }
  });
});
