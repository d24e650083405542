import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { SYSTEM_ACTOR, userLoggedIn, userRegistered } from '@mindhill/contracts';
import { ConcurrencyError, createOrmConfig, EventStore, newEvent } from '@mindhill/persistence';
import { backboneOnlyMigrations, createTestDatabase, TestDatabase } from '@mindhill/testing';

const context = { correlationId: 'corr-1', causationId: null, actor: SYSTEM_ACTOR };
const registered = (userId: string) =>
  newEvent(userRegistered, {
    userId,
    userNumber: 1,
    email: 'a@example.com',
    displayName: 'A',
    role: 'user',
    source: 'self-service',
    passwordHash: '$argon2id$secret',
  });
const loggedIn = (userId: string, loginCount: number) =>
  newEvent(userLoggedIn, { userId, userNumber: 1, email: 'a@example.com', loginCount, loggedInAt: new Date().toISOString() });

describe('EventStore against PostgreSQL', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase('eventstore', backboneOnlyMigrations);
    orm = await MikroORM.init(createOrmConfig({ clientUrl: db.url, entities: [], migrations: [] }));
    store = new EventStore(orm, { producer: 'test', projectors: [], maxConcurrencyRetries: 0 });
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    Number((await orm.em.fork().execute<{ n: string }[]>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params))[0]!.n);

  it('rejects a concurrent append made with a stale version', async () => {
    const userId = randomUUID();
    const stream = `user-${userId}`;
    await store.transact((tx) => tx.append(stream, 0, [registered(userId)], context));

    // Both writers read version 1; only the first to commit may append version 2.
    let release!: () => void;
    const bothRead = new Promise<void>((r) => (release = r));
    let reads = 0;
    const writer = (n: number) =>
      store.transact(async (tx) => {
        const version = await tx.streamVersion(stream);
        if (++reads === 2) release();
        await bothRead;
        await tx.append(stream, version, [loggedIn(userId, n)], context);
      });
    const results = await Promise.allSettled([writer(1), writer(2)]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConcurrencyError);
    expect(rejected.reason.code).toBe('EVENTSTORE.VERSION_CONFLICT');
    expect(await count('stored_event', 'stream_id = ?', [stream])).toBe(2);
    expect(await count('outbox', `message->>'aggregateId' = ?`, [stream])).toBe(2);
  });

  it('re-runs a command from a fresh read when its version is taken', async () => {
    const retrying = new EventStore(orm, { producer: 'test', projectors: [], maxConcurrencyRetries: 3 });
    const userId = randomUUID();
    const stream = `user-${userId}`;
    await retrying.transact((tx) => tx.append(stream, 0, [registered(userId)], context));
    let attempts = 0;
    await retrying.transact(async (tx) => {
      attempts++;
      const version = await tx.streamVersion(stream);
      // On the first attempt someone else appends in between.
      if (attempts === 1) await store.transact((other) => other.append(stream, version, [loggedIn(userId, 1)], context));
      await tx.append(stream, version, [loggedIn(userId, 2)], context);
    });
    expect(attempts).toBe(2);
    const events = await retrying.readStream(stream);
    expect(events.map((e) => e.aggregateVersion)).toEqual([1, 2, 3]);
  });

  it('leaves no event and no outbox row when the transaction rolls back', async () => {
    const userId = randomUUID();
    await expect(
      store.transact(async (tx) => {
        await tx.append(`user-${userId}`, 0, [registered(userId)], context);
        throw new Error('decided to abort');
      }),
    ).rejects.toThrow('decided to abort');
    expect(await count('stored_event', 'stream_id = ?', [`user-${userId}`])).toBe(0);
    expect(await count('outbox', `message->>'aggregateId' = ?`, [`user-${userId}`])).toBe(0);
  });

  it('keeps private fields in the store and out of the published message', async () => {
    const userId = randomUUID();
    const [event] = await store.transact((tx) => tx.append(`user-${userId}`, 0, [registered(userId)], context));
    const [stored] = await orm.em
      .fork()
      .execute<{ payload: Record<string, unknown> }[]>('SELECT payload FROM stored_event WHERE event_id = ?', [event!.eventId]);
    const [outbox] = await orm.em
      .fork()
      .execute<{ message: { payload: Record<string, unknown> }; topic: string; message_key: string }[]>(
        'SELECT message, topic, message_key FROM outbox WHERE event_id = ?',
        [event!.eventId],
      );
    expect(stored!.payload.passwordHash).toBe('$argon2id$secret');
    expect(outbox!.message.payload).not.toHaveProperty('passwordHash');
    expect(outbox!.message.payload).toMatchObject({ userId, email: 'a@example.com' });
    expect(outbox!.topic).toBe('auth.user.events.v1');
    expect(outbox!.message_key).toBe(`user-${userId}`);
  });

  it('refuses a payload that breaks its contract, writing nothing', async () => {
    const userId = randomUUID();
    await expect(
      store.transact((tx) => tx.append(`user-${userId}`, 0, [{ definition: userRegistered, payload: { userId, email: 'x' } }], context)),
    ).rejects.toThrow();
    expect(await count('stored_event', 'stream_id = ?', [`user-${userId}`])).toBe(0);
  });

  // A write-only projector's statements travel with the append's: the rows are there after the
  // append, and a version conflict leaves neither events nor rows.
  it('writes a write-only projector’s rows with the append, and none on a version conflict', async () => {
    await orm.em.fork().execute('CREATE TABLE IF NOT EXISTS login_probe (user_id uuid, login_count int, note text)');
    const seen: string[] = [];
    const projected = new EventStore(orm, {
      producer: 'test',
      maxConcurrencyRetries: 0,
      projectors: [
        {
          name: 'login-probe',
          handles: [userLoggedIn.type],
          writesOnly: true,
          async project(em, event) {
            const p = event.payload as { userId: string; loginCount: number };
            await em.execute('INSERT INTO login_probe (user_id, login_count, note) VALUES (?, ?, ?)', [
              p.userId,
              p.loginCount,
              "it's ; ok?",
            ]);
          },
        },
        {
          // Reads what the write-only one wrote: it runs after those statements were sent.
          name: 'reader',
          handles: [userLoggedIn.type],
          async project(em, event) {
            const rows = await em.execute<{ note: string }[]>('SELECT note FROM login_probe WHERE user_id = ?', [
              (event.payload as { userId: string }).userId,
            ]);
            seen.push(...rows.map((r) => r.note));
          },
        },
      ],
    });
    const userId = randomUUID();
    const stream = `user-${userId}`;
    await projected.transact((tx) => tx.append(stream, 0, [registered(userId), loggedIn(userId, 1), loggedIn(userId, 2)], context));
    expect(await count('login_probe', 'user_id = ?', [userId])).toBe(2);
    expect(seen).toEqual(["it's ; ok?", "it's ; ok?", "it's ; ok?"]);

    await expect(projected.transact((tx) => tx.append(stream, 1, [loggedIn(userId, 3)], context))).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await count('login_probe', 'user_id = ?', [userId])).toBe(2);
    expect(await count('stored_event', 'stream_id = ?', [stream])).toBe(3);
  });

  // appendLater and later hold their statements back: nothing is written until the next execute
  // (which reads what they wrote, in order) or the end of the transaction; a stale version among
  // them fails the whole transaction as a ConcurrencyError and leaves nothing of it.
  it('sends held-back appends and statements with the next read, or before the commit', async () => {
    await orm.em.fork().execute('CREATE TABLE IF NOT EXISTS later_probe (stream text, note text)');
    const projected = new EventStore(orm, {
      producer: 'test',
      maxConcurrencyRetries: 0,
      projectors: [
        {
          name: 'later-probe',
          handles: [userRegistered.type, userLoggedIn.type],
          writesOnly: true,
          async project(em, event) {
            await em.execute('INSERT INTO later_probe (stream, note) VALUES (?, ?)', [event.aggregateId, event.type]);
          },
        },
      ],
    });
    const [a, b] = [randomUUID(), randomUUID()];
    const seen = await projected.transact(async (tx) => {
      await tx.appendLater(`user-${a}`, 0, [registered(a)], context);
      await tx.appendLater(`user-${b}`, 0, [registered(b), loggedIn(b, 1)], context);
      tx.later('INSERT INTO later_probe (stream, note) VALUES (?, ?)', [`user-${a}`, "held ; it's"]);
      // Nothing sent yet: a read on the side of the queue sees no event.
      const before = await tx.em.execute<{ n: string }[]>('SELECT count(*) AS n FROM stored_event WHERE stream_id IN (?, ?)', [
        `user-${a}`,
        `user-${b}`,
      ]);
      expect(Number(before[0]!.n)).toBe(0);
      const rows = await tx.execute<{ note: string }>('SELECT note FROM later_probe WHERE stream IN (?, ?) ORDER BY note', [
        `user-${a}`,
        `user-${b}`,
      ]);
      // Written after the read: sent by the transaction's end.
      await tx.appendLater(`user-${a}`, 1, [loggedIn(a, 1)], context);
      return rows.map((r) => r.note);
    });
    expect(seen).toEqual([userLoggedIn.type, userRegistered.type, userRegistered.type, "held ; it's"]);
    expect(await count('stored_event', 'stream_id IN (?, ?)', [`user-${a}`, `user-${b}`])).toBe(4);
    expect(await count('outbox', `message->>'aggregateId' IN (?, ?)`, [`user-${a}`, `user-${b}`])).toBe(4);
    expect(await count('later_probe', 'stream = ?', [`user-${a}`])).toBe(3);

    const c = randomUUID();
    const stale = projected.transact(async (tx) => {
      await tx.appendLater(`user-${c}`, 0, [registered(c)], context);
      await tx.appendLater(`user-${b}`, 1, [loggedIn(b, 2)], context);
      tx.later('INSERT INTO later_probe (stream, note) VALUES (?, ?)', [`user-${c}`, 'never']);
    });
    await expect(stale).rejects.toMatchObject({ name: 'ConcurrencyError', streamId: `user-${b}`, expectedVersion: 1 });
    expect(await count('stored_event', 'stream_id = ?', [`user-${c}`])).toBe(0);
    expect(await count('later_probe', 'stream = ?', [`user-${c}`])).toBe(0);
    expect(await count('stored_event', 'stream_id = ?', [`user-${b}`])).toBe(2);
  });
});
