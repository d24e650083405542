import { COMMIT_AHEAD, deferBegin } from './deferred-begin';

// A connection that records what reaches the server and answers like pg: one result per
// statement, an array of them for a multi-statement text.
function fakeConnection() {
  const sent: unknown[] = [];
  const answerOf = (text: string) => {
    const results = text
      .split(';')
      .filter((s) => s.trim())
      .map((s) => ({ command: s.trim().split(' ')[0], rows: [{ text: s.trim() }] }));
    return results.length === 1 ? results[0] : results;
  };
  const connection = {
    query: (config: unknown, values?: unknown, callback?: unknown) => {
      sent.push(config);
      const text = typeof config === 'string' ? config : (config as { text: string }).text;
      const cb = typeof values === 'function' ? values : callback;
      if (typeof cb === 'function') return void process.nextTick(() => cb(null, answerOf(text)));
      return Promise.resolve(answerOf(text));
    },
  };
  return { connection: deferBegin(connection), sent };
}

describe('deferBegin', () => {
  it('given knex BEGIN, when a plain statement follows, then both go in one message and the answer is the statement’s', async () => {
    const { connection, sent } = fakeConnection();
    expect(await connection.query('BEGIN;')).toMatchObject({ command: 'BEGIN' });
    expect(sent).toEqual([]);
    expect(await connection.query('SELECT 1')).toEqual({ command: 'SELECT', rows: [{ text: 'SELECT 1' }] });
    expect(await connection.query('COMMIT;')).toMatchObject({ command: 'COMMIT' });
    expect(sent).toEqual(['BEGIN;SELECT 1', 'COMMIT;']);
  });

  it('given knex BEGIN, when knex sends the statement as a config with a callback, then the callback gets the statement’s answer', async () => {
    const { connection, sent } = fakeConnection();
    // knex's style: a config and a callback, nothing returned.
    const withCallback = (config: unknown) =>
      new Promise<unknown>((resolve) => {
        void connection.query(config, (_e: unknown, r: unknown) => resolve(r));
      });
    await withCallback({ text: 'BEGIN;', values: [] });
    const answer = await withCallback({ text: 'UPDATE t SET a = 1', values: [] });
    expect(answer).toEqual({ command: 'UPDATE', rows: [{ text: 'UPDATE t SET a = 1' }] });
    expect(sent).toEqual([{ text: 'BEGIN;UPDATE t SET a = 1', values: [] }]);
  });

  it('given knex BEGIN, when the first statement has bind parameters, then it goes as text with its values inlined, with the BEGIN', async () => {
    const { connection, sent } = fakeConnection();
    await connection.query('BEGIN;');
    // $10 has no value: not a statement pg would have run, so it is not rewritten.
    await connection.query({ text: 'SELECT $1, $2::uuid[], $3, $4, $10', values: ["it's", ['a', 'b'], null, 7, 'ten'] });
    expect(sent).toEqual(['BEGIN;', { text: 'SELECT $1, $2::uuid[], $3, $4, $10', values: ["it's", ['a', 'b'], null, 7, 'ten'] }]);

    sent.length = 0;
    await connection.query('COMMIT;');
    sent.length = 0;
    await connection.query('BEGIN;');
    expect(await connection.query({ text: 'SELECT $1, $2::uuid[], $3, $4', values: ["it's", ['a', 'b'], null, 7] })).toEqual({
      command: 'SELECT',
      rows: [{ text: `SELECT 'it''s', '{"a","b"}'::uuid[], NULL, '7'` }],
    });
    expect(sent).toEqual([{ text: `BEGIN;SELECT 'it''s', '{"a","b"}'::uuid[], NULL, '7'` }]);
  });

  it('given knex BEGIN, when the first statement binds a Buffer or asks for a row mode, then BEGIN is sent ahead of it', async () => {
    const { connection, sent } = fakeConnection();
    await connection.query('BEGIN;');
    await connection.query({ text: 'SELECT $1', values: [Buffer.from('x')] });
    await connection.query('COMMIT;');
    await connection.query('BEGIN;');
    await connection.query({ text: 'SELECT $1', values: [1], rowMode: 'array' });
    expect(sent).toEqual([
      'BEGIN;',
      { text: 'SELECT $1', values: [Buffer.from('x')] },
      'COMMIT;',
      'BEGIN;',
      { text: 'SELECT $1', values: [1], rowMode: 'array' },
    ]);
  });

  it('given knex BEGIN, when the transaction ends before any statement, then nothing is sent', async () => {
    const { connection, sent } = fakeConnection();
    await connection.query('BEGIN;');
    await connection.query('COMMIT;');
    await connection.query('BEGIN;');
    await connection.query({ text: 'ROLLBACK', values: [] });
    expect(sent).toEqual([]);
  });

  it('given no BEGIN pending, then statements go as they are, a named one too', async () => {
    const { connection, sent } = fakeConnection();
    await connection.query('SELECT 1');
    await connection.query('BEGIN;');
    await connection.query({ name: 'p', text: 'SELECT 2' });
    await connection.query('COMMIT;');
    expect(sent).toEqual(['SELECT 1', 'BEGIN;', { name: 'p', text: 'SELECT 2' }, 'COMMIT;']);
  });

  it('given writes sent with their COMMIT, when knex commits, then nothing more is sent; when they failed, knex’s ROLLBACK goes', async () => {
    const { connection, sent } = fakeConnection();
    await connection.query('BEGIN;');
    await connection.query('SELECT 1');
    await connection.query(`INSERT INTO t VALUES (1)${COMMIT_AHEAD}`);
    expect(await connection.query('COMMIT;')).toMatchObject({ command: 'COMMIT' });
    // The next transaction is untouched by it.
    await connection.query('BEGIN;');
    await connection.query('SELECT 2');
    await connection.query('COMMIT;');
    expect(sent).toEqual(['BEGIN;SELECT 1', `INSERT INTO t VALUES (1)${COMMIT_AHEAD}`, 'BEGIN;SELECT 2', 'COMMIT;']);

    const failing = deferBegin({
      query: (config: unknown) => {
        failingSent.push(config);
        return typeof config === 'string' && config.endsWith(COMMIT_AHEAD)
          ? Promise.reject(new Error('unique'))
          : Promise.resolve({ rows: [] });
      },
    });
    const failingSent: unknown[] = [];
    await failing.query('BEGIN;');
    await expect(failing.query(`INSERT INTO t VALUES (1)${COMMIT_AHEAD}`)).rejects.toThrow('unique');
    await failing.query('ROLLBACK');
    expect(failingSent).toEqual([`BEGIN;INSERT INTO t VALUES (1)${COMMIT_AHEAD}`, 'ROLLBACK']);
  });
});
