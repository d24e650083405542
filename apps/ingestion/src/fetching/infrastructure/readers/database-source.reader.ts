import { Client } from 'pg';
import { withPassword } from '../../../data-sources/domain/secret-headers';
import { ReadContext, ResolvedSource } from './source-reader';

// Runs the query in a READ ONLY transaction with a statement timeout; one JSON item per row.
export async function readDatabaseSource(source: ResolvedSource, ctx: ReadContext): Promise<void> {
  const config = source.row.config as { connectionString: string; query: string; maxRows: number };
  const client = new Client({
    connectionString: withPassword(config.connectionString, source.credentials.password),
    connectionTimeoutMillis: ctx.timeoutMs,
    statement_timeout: ctx.timeoutMs,
    query_timeout: ctx.timeoutMs + 1_000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    ctx.fail(source, `cannot connect: ${(error as { code?: string }).code ?? (error as Error).message}`, true);
    await client.end().catch(() => undefined);
    return;
  }
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${Math.floor(ctx.timeoutMs)}`);
    const result = await client.query(`SELECT * FROM (${config.query}) AS mindhill_source LIMIT ${Math.floor(config.maxRows)}`);
    await client.query('COMMIT');
    let i = 0;
    for (const row of result.rows) {
      i++;
      await ctx.emit(source, `${source.row.name}#row${i}`, Buffer.from(JSON.stringify(row), 'utf8'), 'application/json');
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    ctx.fail(source, `query failed: ${(error as Error).message}`.slice(0, 500), false);
  } finally {
    await client.end().catch(() => undefined);
  }
}
