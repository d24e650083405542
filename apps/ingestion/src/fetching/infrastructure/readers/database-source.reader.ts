import { Client } from 'pg';
import { DomainError } from '@mindhill/platform';
import {
  assertTargetAllowed,
  DatabaseSourcePolicy,
  DatabaseTarget,
  FILE_FUNCTIONS,
  FORBIDDEN_ROLES,
  isPlatformDatabase,
  parseDatabaseTarget,
  PLATFORM_MARKER_TABLES,
  RoleFacts,
  roleProblems,
} from '../../../data-sources/domain/database-source-policy';
import { ReadContext, ResolvedSource, SourceReader } from './source-reader';

// How long a read transaction may sit idle or wait for a lock; the statement timeout is the
// fetch timeout.
const IDLE_IN_TRANSACTION_MS = 5_000;
const LOCK_TIMEOUT_MS = 2_000;

// Connects as the source's role, refuses before any query when the target or the role is not
// least-privilege, then runs the query in a READ ONLY transaction with timeouts and a row cap.
// One JSON item per row.
export function databaseSourceReader(policy: DatabaseSourcePolicy): SourceReader {
  return (source, ctx) => readDatabaseSource(source, ctx, policy);
}

export async function readDatabaseSource(source: ResolvedSource, ctx: ReadContext, policy: DatabaseSourcePolicy): Promise<void> {
  const config = source.row.config as { connectionString: string; query: string; maxRows: number };
  let target: DatabaseTarget;
  try {
    // The allow-list may have shrunk since the source was saved.
    target = { ...parseDatabaseTarget(config.connectionString), password: source.credentials.password ?? null };
    assertTargetAllowed(target, policy);
  } catch (error) {
    ctx.fail(source, refusal(error), false);
    return;
  }
  const client = new Client({
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    password: target.password ?? undefined,
    ssl:
      target.sslmode === 'require'
        ? { rejectUnauthorized: false }
        : target.sslmode === 'verify-full'
          ? { rejectUnauthorized: true }
          : false,
    application_name: 'mindhill-ingestion',
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
    let problem: string | null;
    try {
      problem = await refusalOnConnect(client, policy);
    } catch (error) {
      problem = `INGESTION.DATABASE_ROLE_UNCHECKED: could not check the role: ${(error as Error).message}`.slice(0, 500);
    }
    if (problem) {
      ctx.fail(source, problem, false);
      return;
    }
    const maxRows = Math.floor(config.maxRows);
    let rows: unknown[];
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(`SET LOCAL statement_timeout = ${Math.floor(ctx.timeoutMs)}`);
      await client.query(`SET LOCAL idle_in_transaction_session_timeout = ${IDLE_IN_TRANSACTION_MS}`);
      await client.query(`SET LOCAL lock_timeout = ${LOCK_TIMEOUT_MS}`);
      // Wrapped as a subquery: one statement, no data-modifying WITH, at most maxRows + 1 rows
      // (the extra one only tells that there were more).
      rows = (await client.query(`SELECT * FROM (${config.query}) AS mindhill_source LIMIT ${maxRows + 1}`)).rows;
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      ctx.fail(source, `query failed: ${(error as Error).message}`.slice(0, 500), false);
      return;
    }
    const kept = rows.slice(0, maxRows);
    let i = 0;
    for (const row of kept) {
      i++;
      await ctx.emit(source, `${source.row.name}#row${i}`, Buffer.from(JSON.stringify(row), 'utf8'), 'application/json');
    }
    if (rows.length > maxRows) {
      ctx.fail(
        source,
        `INGESTION.DATABASE_ROWS_TRUNCATED: the query returned more than maxRows (${maxRows}); the first ${maxRows} rows were kept`,
        false,
      );
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

function refusal(error: unknown): string {
  return error instanceof DomainError ? `${error.code}: ${error.message}` : `refused: ${(error as Error).message}`;
}

// Asked of the server itself before any query: is this one of the platform's databases, and
// what can the role do, counting every role it is a member of (it could SET ROLE to any).
async function refusalOnConnect(client: Client, policy: DatabaseSourcePolicy): Promise<string | null> {
  const {
    rows: [db],
  } = await client.query<{ name: string; markers: string[] }>(
    `SELECT current_database() AS name,
            ARRAY(SELECT DISTINCT c.relname::text FROM pg_catalog.pg_class c WHERE c.relname = ANY($1::text[]) AND c.relkind IN ('r', 'p') ORDER BY 1) AS markers`,
    [PLATFORM_MARKER_TABLES],
  );
  if (isPlatformDatabase(db!.name, policy) || db!.markers.length > 0) {
    return `INGESTION.PLATFORM_DATABASE: "${db!.name}" is one of the platform's own databases${db!.markers.length ? ` (it has ${db!.markers.join(', ')})` : ''}`;
  }
  const {
    rows: [facts],
  } = await client.query<RoleFacts>(
    `WITH mine AS (SELECT r.* FROM pg_catalog.pg_roles r WHERE pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER'))
     SELECT current_user AS role,
            bool_or(rolsuper) AS superuser, bool_or(rolcreaterole) AS "createRole", bool_or(rolcreatedb) AS "createDb",
            bool_or(rolreplication) AS replication, bool_or(rolbypassrls) AS "bypassRls",
            ARRAY(SELECT rolname::text FROM mine WHERE rolname = ANY($1::text[]) ORDER BY 1) AS "memberOf",
            ARRAY(SELECT f FROM unnest($2::text[]) AS f
                  WHERE coalesce(pg_catalog.has_function_privilege(current_user, pg_catalog.to_regprocedure(f), 'EXECUTE'), false)) AS "fileFunctions"
     FROM mine`,
    [FORBIDDEN_ROLES, FILE_FUNCTIONS],
  );
  const problems = roleProblems(facts!);
  if (problems.length === 0) return null;
  return `INGESTION.DATABASE_ROLE_TOO_POWERFUL: role "${facts!.role}" must be a plain read-only role, but it is ${problems.join(', ')}`;
}
