// knex opens every transaction with a `BEGIN;` of its own, a round trip that carries nothing. On a
// connection of the ORM's pool, that BEGIN is held back and sent in one message with the
// transaction's first statement when that statement is plain text (what em.execute sends): one
// round trip fewer per transaction, and round trips are most of what a hop costs here
// (bench/README.md). A transaction that ends before any statement sends nothing at all. A first
// statement with bind parameters (an inbox claim, mostly) goes as text with its values inlined as
// the literals pg would have bound (pg's own prepareValue and escapeLiteral; untyped, as bound
// values are), so that it can carry the BEGIN too; one with a Buffer or a row mode gets the BEGIN
// sent ahead of it.
import { escapeLiteral } from 'pg';
import { prepareValue } from 'pg/lib/utils';

type Callback = (error: Error | null, result?: unknown) => void;
type QueryFn = (config: unknown, values?: unknown, callback?: unknown) => unknown;
type Queryable = { query: QueryFn };

const KNEX_BEGIN = 'BEGIN;';
const ENDS = new Set(['COMMIT;', 'ROLLBACK']);

const emptyResult = (command: string) => ({ command, rowCount: null, oid: null, rows: [], fields: [] });

// A plain-text statement: a string, or a config without values, name or row mode (those go the
// extended way, and a prepared name must not be renamed).
function plainText(config: unknown, values: unknown): string | undefined {
  if (typeof config === 'string') return Array.isArray(values) && values.length > 0 ? undefined : config;
  if (typeof config !== 'object' || config === null) return undefined;
  const c = config as { text?: unknown; values?: unknown[]; name?: unknown; rowMode?: unknown; types?: unknown; submit?: unknown };
  if (typeof c.text !== 'string' || c.name || c.rowMode || c.types || typeof c.submit === 'function') return undefined;
  return (c.values?.length ?? 0) === 0 && !(Array.isArray(values) && values.length > 0) ? c.text : undefined;
}

// A bound statement as the text PostgreSQL would have run: `$n` replaced by its value's literal.
function inlined(config: unknown, values: unknown): string | undefined {
  if (typeof config !== 'object' || config === null) return undefined;
  const c = config as { text?: unknown; values?: unknown[]; name?: unknown; rowMode?: unknown; types?: unknown; submit?: unknown };
  const vals = Array.isArray(values) ? values : c.values;
  if (typeof c.text !== 'string' || !Array.isArray(vals) || c.rowMode || c.types || typeof c.submit === 'function') return undefined;
  if (vals.some((v) => Buffer.isBuffer(v))) return undefined;
  const literals = vals.map((v) => {
    const prepared = prepareValue(v);
    return prepared === null ? 'NULL' : escapeLiteral(prepared.toString());
  });
  let complete = true;
  const text = c.text.replace(/\$(\d+)/g, (token, n: string) => literals[Number(n) - 1] ?? ((complete = false), token));
  return complete ? text : undefined;
}

// The answer as the statement alone would have given it: BEGIN's answer taken off the front.
function withoutBegin(result: unknown): unknown {
  if (!Array.isArray(result)) return result;
  const rest = result.slice(1);
  return rest.length === 1 ? rest[0] : rest;
}

function answer(callback: unknown, result: unknown): unknown {
  if (typeof callback === 'function') {
    process.nextTick(() => (callback as Callback)(null, result));
    return undefined;
  }
  return Promise.resolve(result);
}

export function deferBegin<C extends Queryable>(connection: C): C {
  const send = connection.query.bind(connection);
  let pending = false;
  connection.query = (config, values, callback) => {
    const cb = typeof values === 'function' ? values : callback;
    const vals = typeof values === 'function' ? undefined : values;
    const text = plainText(config, vals);
    if (text === KNEX_BEGIN) {
      pending = true;
      return answer(cb, emptyResult('BEGIN'));
    }
    if (!pending) return send(config, values, callback);
    pending = false;
    // Nothing was begun: nothing to end.
    if (text !== undefined && ENDS.has(text)) return answer(cb, emptyResult(text.slice(0, -1)));
    const bound = text === undefined ? inlined(config, vals) : undefined;
    if (bound !== undefined) {
      const plain = { text: `${KNEX_BEGIN}${bound}` };
      if (typeof cb === 'function') {
        return send(plain, undefined, (error: Error | null, result?: unknown) =>
          (cb as Callback)(error, error ? result : withoutBegin(result)),
        );
      }
      return (send(plain) as Promise<unknown>).then(withoutBegin);
    }
    if (text === undefined) {
      // pg sends its queue in order: the BEGIN goes first; its failure fails the statement too.
      void (send(KNEX_BEGIN) as Promise<unknown>).catch(() => undefined);
      return send(config, values, callback);
    }
    const combined = typeof config === 'string' ? `${KNEX_BEGIN}${text}` : { ...(config as object), text: `${KNEX_BEGIN}${text}` };
    if (typeof cb === 'function') {
      return send(combined, vals, (error: Error | null, result?: unknown) =>
        (cb as Callback)(error, error ? result : withoutBegin(result)),
      );
    }
    return (send(combined, vals) as Promise<unknown>).then(withoutBegin);
  };
  return commitAhead(connection);
}

// Text that ends its transaction itself (EventTransaction.flush with `commit`: the last held-back
// writes and the COMMIT in one message, one round trip fewer). Once it has succeeded, knex's own
// COMMIT (or a ROLLBACK) that follows has nothing left to end and is answered without a message.
export const COMMIT_AHEAD = ';\nCOMMIT';

function commitAhead<C extends Queryable>(connection: C): C {
  const send = connection.query.bind(connection);
  let ended = false;
  connection.query = (config, values, callback) => {
    const cb = typeof values === 'function' ? values : callback;
    const text = plainText(config, typeof values === 'function' ? undefined : values);
    if (ended && text !== undefined && ENDS.has(text)) {
      ended = false;
      return answer(cb, emptyResult(text.slice(0, -1)));
    }
    ended = false;
    if (text === undefined || !text.endsWith(COMMIT_AHEAD)) return send(config, values, callback);
    if (typeof cb === 'function') {
      const rest = typeof values === 'function' ? [] : [values];
      return send(config, ...rest, (error: Error | null, result?: unknown) => {
        ended = !error;
        (cb as Callback)(error, result);
      });
    }
    return (send(config, values) as Promise<unknown>).then((result) => {
      ended = true;
      return result;
    });
  };
  return connection;
}
