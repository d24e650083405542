import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { claimInbox, createOrmConfig } from '@mindhill/persistence';
import { backboneOnlyMigrations, createTestDatabase, TestDatabase } from '@mindhill/testing';

describe('inbox', () => {
  let db: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    db = await createTestDatabase('inbox', backboneOnlyMigrations);
    orm = await MikroORM.init(createOrmConfig({ clientUrl: db.url, entities: [], migrations: [] }));
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  it('claims an event once per consumer', async () => {
    const eventId = randomUUID();
    expect(await orm.em.fork().transactional((em) => claimInbox(em, 'workflows.progress', eventId))).toBe(true);
    expect(await orm.em.fork().transactional((em) => claimInbox(em, 'workflows.progress', eventId))).toBe(false);
    expect(await orm.em.fork().transactional((em) => claimInbox(em, 'reporting.read-model', eventId))).toBe(true);
  });

  it('releases the claim when the handler fails, so a redelivery is processed', async () => {
    const eventId = randomUUID();
    await expect(
      orm.em.fork().transactional(async (em) => {
        expect(await claimInbox(em, 'c', eventId)).toBe(true);
        throw new Error('effect failed');
      }),
    ).rejects.toThrow('effect failed');
    expect(await orm.em.fork().transactional((em) => claimInbox(em, 'c', eventId))).toBe(true);
  });
});
