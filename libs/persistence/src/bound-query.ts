import { Knex } from '@mikro-orm/knex';
import { EntityManager } from '@mikro-orm/postgresql';
import { DirectPostgreSqlConnection } from './direct-driver';

// What a `?` placeholder may take: pg sends a JS array as a PostgreSQL array and a Buffer as bytea.
export type BoundValue = string | number | boolean | null | Date | Buffer | string[] | number[];

// Runs SQL with real bind parameters (`?` placeholders) in the entity manager's transaction.
// em.execute inlines every value as an escaped literal, which for a set-based write of
// thousands of rows (one JSON document unpacked by jsonb_to_recordset) costs more than the write.
// Errors come out as MikroORM's exception classes, as from em.execute.
export async function executeBound<T = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: readonly BoundValue[],
): Promise<T[]> {
  const connection = em.getConnection();
  const trx = em.getTransactionContext<Knex.Transaction>();
  try {
    if (connection instanceof DirectPostgreSqlConnection) {
      const text = positional(sql);
      return await connection.executeBound<T>(text, params, trx, statementName(text));
    }
    const query = em.getKnex().raw<{ rows: T[] }>(sql, params);
    if (trx) query.transacting(trx);
    return (await query).rows;
  } catch (error) {
    throw error instanceof Error ? em.getDriver().convertException(error) : error;
  }
}

// Sends formatted text, one statement or several in one message (no parameters: values are
// inlined by MikroORM's formatQuery), in the entity manager's transaction; answers the rows of the
// last statement. Errors come out as MikroORM's exception classes.
export async function executeText<T = Record<string, unknown>>(em: EntityManager, text: string): Promise<T[]> {
  const connection = em.getConnection();
  const trx = em.getTransactionContext<Knex.Transaction>();
  try {
    if (connection instanceof DirectPostgreSqlConnection) return await connection.executeText<T>(text, trx);
    const query = em.getKnex().raw<{ rows: T[] } | { rows: T[] }[]>(text);
    if (trx) query.transacting(trx);
    const result = await query;
    return (Array.isArray(result) ? result[result.length - 1]! : result).rows;
  } catch (error) {
    throw error instanceof Error ? em.getDriver().convertException(error) : error;
  }
}

const positionalCache = new Map<string, string>();

// `?` placeholders as PostgreSQL's `$1`, `$2`… (what knex does per call; the texts are constants,
// so each is converted once).
export function positional(sql: string): string {
  let text = positionalCache.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\\?\?/g, (m) => (m === '?' ? `$${++n}` : '?'));
    if (positionalCache.size < 1_000) positionalCache.set(sql, text);
  }
  return text;
}

const names = new Map<string, string>();
const MAX_NAMES = 200;

// A name under which each connection prepares the statement once (a text the code holds as a
// constant; the first 200 of them): PostgreSQL then skips parsing, analysing and, once its
// generic plan is chosen, planning, which was ~40 % of its CPU per execution. Not for a text with
// a `*` column list over a table: a column added by a migration would fail such a prepared
// statement on every connection until it closed ("cached plan must not change result type").
export function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMES && !STAR_COLUMNS.test(text.replace(FIXED_RECORDS, ''))) {
    name = `mh${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

const STAR_COLUMNS = /(?:select|returning|,)\s*(?:distinct\s+)?\*|\.\*/i;
// Rows unpacked from a parameter with their columns spelled out: no table behind the `*`.
const FIXED_RECORDS = /select\s+\*\s+from\s+jsonb_to_recordset/gi;

// Splits a list into chunks, so one statement's JSON parameter stays a few hundred kilobytes.
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type BoundStatement = { sql: string; params: readonly BoundValue[] };

// Runs the statements of each chunk in order, preparing the next chunk's parameters (the
// JSON.stringify of hundreds of rows) while PostgreSQL executes the previous chunk's statements.
export async function executeChunks<T>(
  em: EntityManager,
  items: readonly T[],
  size: number,
  prepare: (chunk: T[]) => BoundStatement[],
): Promise<void> {
  let running: Promise<void> = Promise.resolve();
  for (const chunk of chunked(items, size)) {
    let statements: BoundStatement[];
    try {
      statements = prepare(chunk);
    } catch (error) {
      // Never leave a statement running (or its failure unhandled) behind a thrown error.
      await running.catch(() => undefined);
      throw error;
    }
    await running;
    running = (async () => {
      for (const s of statements) await executeBound(em, s.sql, s.params);
    })();
  }
  await running;
}
