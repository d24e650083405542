import { AnyEntity, EntityData, LoggingOptions, QueryResult } from '@mikro-orm/core';
import { Knex } from '@mikro-orm/knex';
import { PostgreSqlConnection, PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { QueryResult as PgResult } from 'pg';

type PgConnection = { query(text: string | { text: string; values: unknown[]; name?: string }): Promise<PgResult | PgResult[]> };

// The connection's pg client, and its hand-back: the transaction's own (held until it ends) or
// one lent by the pool.
async function borrow(connection: PostgreSqlConnection, ctx?: Knex.Transaction): Promise<[PgConnection, () => void]> {
  const client = (ctx ?? connection.getKnex()).client;
  const pg: PgConnection = await client.acquireConnection();
  return [pg, () => void client.releaseConnection(pg)];
}

// em.execute with MikroORM's own semantics (the same `?` formatting, the same result shapes, the
// same exception conversion by the driver), sent straight to the pg client of the transaction or
// the pool. knex's raw-query runner in between cost more than the statement itself: about 240 µs
// of the caller's CPU per statement (bench/README.md, benchmark 8), and a run makes ~150.
export class DirectPostgreSqlConnection extends PostgreSqlConnection {
  override async execute<T extends QueryResult | EntityData<AnyEntity> | EntityData<AnyEntity>[] = EntityData<AnyEntity>[]>(
    queryOrKnex: string | Knex.QueryBuilder | Knex.Raw,
    params: unknown[] = [],
    method: 'all' | 'get' | 'run' = 'all',
    ctx?: Knex.Transaction,
    loggerContext?: LoggingOptions,
  ): Promise<T> {
    if (typeof queryOrKnex !== 'string') return super.execute<T>(queryOrKnex, params, method, ctx, loggerContext);
    await this.ensureConnection();
    const sql = this.config.get('onQuery')(queryOrKnex, params);
    const formatted = this.platform.formatQuery(sql, params);
    return this.executeQuery(
      formatted,
      async () => {
        const [pg, release] = await borrow(this, ctx);
        try {
          return this.transformRawResult<T>(await pg.query(formatted), method);
        } finally {
          release();
        }
      },
      { query: sql, params, ...loggerContext },
    );
  }

  // A statement with real bind parameters (`$1`…), on the same connections (executeBound),
  // prepared once per connection under `name`. One statement, so one result.
  async executeBound<T>(text: string, values: readonly unknown[], ctx?: Knex.Transaction, name?: string): Promise<T[]> {
    await this.ensureConnection();
    const [pg, release] = await borrow(this, ctx);
    try {
      return ((await pg.query({ text, values: [...values], name })) as PgResult).rows as T[];
    } finally {
      release();
    }
  }

  // Formatted text, perhaps several statements in one message (executeText): the last one's rows.
  async executeText<T>(text: string, ctx?: Knex.Transaction): Promise<T[]> {
    await this.ensureConnection();
    const [pg, release] = await borrow(this, ctx);
    try {
      const result = await pg.query(text);
      return (Array.isArray(result) ? result[result.length - 1]! : result).rows as T[];
    } finally {
      release();
    }
  }
}

// PostgreSqlDriver with the connection above; nothing else differs.
export class DirectPostgreSqlDriver extends PostgreSqlDriver {
  protected override readonly connection: PostgreSqlConnection = new DirectPostgreSqlConnection(this.config);
}
