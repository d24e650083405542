import { MikroORM } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { createOrmConfig, executeBound } from '@mindhill/persistence';
import { backboneOnlyMigrations, createTestDatabase, TestDatabase } from '@mindhill/testing';

// The platform's driver sends statements straight to pg and holds knex's BEGIN back until the
// transaction's first statement: what a transaction means must not change.
describe('the platform ORM driver on PostgreSQL', () => {
  let db: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    db = await createTestDatabase('driver', backboneOnlyMigrations);
    orm = await MikroORM.init(createOrmConfig({ clientUrl: db.url, entities: [], migrations: [] }));
    await orm.em.fork().execute('CREATE TABLE driver_probe (id int PRIMARY KEY, note text)');
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  const count = async () => Number((await orm.em.fork().execute<{ n: string }[]>('SELECT count(*) AS n FROM driver_probe'))[0]!.n);

  it('runs a transaction’s statements, plain and bound, in one transaction', async () => {
    const ids = await orm.em.fork().transactional(async (em) => {
      const first = await em.execute<{ id: string }[]>('SELECT txid_current()::text AS id');
      const bound = await executeBound<{ id: string }>(em, 'SELECT txid_current()::text AS id WHERE ? = 1', [1]);
      const last = await em.execute<{ id: string }[]>('SELECT txid_current()::text AS id');
      return [first[0]!.id, bound[0]!.id, last[0]!.id];
    });
    expect(new Set(ids).size).toBe(1);
  });

  it('runs a bound first statement as text inside the transaction: same rows, undone with it', async () => {
    const before = await count();
    const ids = ['0b1c2d3e-0000-4000-8000-000000000001', '0b1c2d3e-0000-4000-8000-000000000002'];
    await expect(
      orm.em.fork().transactional(async (em) => {
        const rows = await executeBound<{ id: string; note: string }>(
          em,
          `INSERT INTO driver_probe (id, note) SELECT ? + n, ? || u::text FROM unnest(?::uuid[]) WITH ORDINALITY AS x(u, n) RETURNING id, note`,
          [10, "it's \\ ", ids],
        );
        expect(rows).toEqual([
          { id: 11, note: `it's \\ ${ids[0]}` },
          { id: 12, note: `it's \\ ${ids[1]}` },
        ]);
        const [{ same }] = await executeBound<{ same: boolean }>(em, 'SELECT count(*) = ? AS same FROM driver_probe', [before + 2]);
        expect(same).toBe(true);
        throw new Error('decided otherwise');
      }),
    ).rejects.toThrow('decided otherwise');
    expect(await count()).toBe(before);
  });

  it('undoes the first statement when the transaction fails later (the BEGIN was really sent)', async () => {
    const before = await count();
    await expect(
      orm.em.fork().transactional(async (em) => {
        await em.execute('INSERT INTO driver_probe (id, note) VALUES (?, ?)', [1, 'kept?']);
        throw new Error('decided otherwise');
      }),
    ).rejects.toThrow('decided otherwise');
    expect(await count()).toBe(before);
  });

  it('gives the same answers and exceptions as MikroORM does', async () => {
    const em = orm.em.fork();
    const run = await em.execute('INSERT INTO driver_probe (id, note) VALUES (?, ?), (?, ?) RETURNING id', [2, "it's", 3, null], 'run');
    expect(run).toMatchObject({ affectedRows: 2, insertId: 2, rows: [{ id: 2 }, { id: 3 }] });
    expect(await em.execute('SELECT note FROM driver_probe WHERE id = ?', [2], 'get')).toEqual({ note: "it's" });
    expect(await em.execute('SELECT id FROM driver_probe WHERE id IN (?) ORDER BY id', [[2, 3]])).toEqual([{ id: 2 }, { id: 3 }]);
    await expect(em.execute('INSERT INTO driver_probe (id) VALUES (?)', [2])).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    await expect(orm.em.fork().transactional((tx) => tx.execute('INSERT INTO driver_probe (id) VALUES (?)', [3]))).rejects.toBeInstanceOf(
      UniqueConstraintViolationException,
    );
    // The pool's connections are sound after those failures.
    expect(await count()).toBe(2);
  });

  it('prepares a bound statement once per connection, but not one whose `*` reads a table', async () => {
    const prepared = await orm.em.fork().transactional(async (em) => {
      for (const id of [2, 3]) await executeBound(em, 'SELECT note FROM driver_probe WHERE id = ?', [id]);
      await executeBound(em, 'SELECT * FROM driver_probe WHERE id = ?', [2]);
      const rows = await executeBound<{ statement: string }>(em, 'SELECT statement FROM pg_prepared_statements WHERE NOT from_sql', []);
      return rows.map((r) => r.statement).sort();
    });
    // Once, though run twice (the connection may hold the earlier tests' statements too).
    expect(prepared.filter((s) => s.includes('note FROM driver_probe') || s.includes('* FROM driver_probe'))).toEqual([
      'SELECT note FROM driver_probe WHERE id = $1',
    ]);
    // The same answers from a prepared statement, and its errors converted as before.
    expect(await executeBound(orm.em.fork(), 'SELECT note FROM driver_probe WHERE id = ?', [2])).toEqual([{ note: "it's" }]);
    await expect(executeBound(orm.em.fork(), 'INSERT INTO driver_probe (id) VALUES (?)', [2])).rejects.toBeInstanceOf(
      UniqueConstraintViolationException,
    );
    await expect(executeBound(orm.em.fork(), 'INSERT INTO driver_probe (id) VALUES (?)', [2])).rejects.toBeInstanceOf(
      UniqueConstraintViolationException,
    );
  });
});
