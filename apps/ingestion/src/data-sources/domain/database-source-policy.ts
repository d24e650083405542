import { DomainError } from '@mindhill/domain';

// Where `database` sources may connect, and what they may never reach. A database source lends
// the platform's network position and a stored role to whoever runs the workflow, so the rules
// are: admin-allowed hosts only, never the platform's own databases, never a powerful role.
export type HostPort = { host: string; port: number };
export type DatabaseSourcePolicy = { allowHosts: readonly HostPort[]; platformDatabases: readonly string[] };

export type DatabaseTarget = {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string | null;
  sslmode: 'disable' | 'require' | 'verify-full' | null;
};

export const DEFAULT_PG_PORT = 5432;

const invalid = (code: string, message: string) => new DomainError(code, message, 'invalid');

// Lower-case host, brackets kept off IPv6 literals so `[::1]` and `::1` compare equal.
const normaliseHost = (host: string) =>
  host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');

// `INGESTION_DATABASE_ALLOW_HOSTS`: `host[:port]` entries, comma-separated; IPv6 as `[::1]:5432`.
// A host without a port allows 5432 only. Throws on a malformed entry (the service refuses to boot).
export function parseAllowHosts(value: string): HostPort[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^(\[[0-9a-f:.]+\]|[a-z0-9][a-z0-9.-]*)(?::(\d{1,5}))?$/i.exec(entry);
      const port = match?.[2] === undefined ? DEFAULT_PG_PORT : Number(match[2]);
      if (!match || port < 1 || port > 65_535) throw new Error(`"${entry}" is not host[:port]`);
      return { host: normaliseHost(match[1]!), port };
    });
}

// Only these URL parameters are honoured: anything else (`host=`, `hostaddr=`, `options=`,
// `user=`...) could redirect the connection or change the session behind the checks.
const ALLOWED_PARAMS = new Set(['sslmode']);

export function parseDatabaseTarget(connectionString: string): DatabaseTarget {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    throw invalid('INGESTION.INVALID_CONNECTION_STRING', 'connectionString must be a postgres:// URL');
  }
  if (!/^postgres(ql)?:$/.test(url.protocol))
    throw invalid('INGESTION.INVALID_CONNECTION_STRING', 'connectionString must be a postgres:// URL');
  const host = normaliseHost(url.hostname);
  if (!host) throw invalid('INGESTION.INVALID_CONNECTION_STRING', 'connectionString must name a host (sockets are not allowed)');
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database || database.includes('/')) throw invalid('INGESTION.INVALID_CONNECTION_STRING', 'connectionString must name one database');
  const user = decodeURIComponent(url.username);
  if (!user) throw invalid('INGESTION.INVALID_CONNECTION_STRING', 'connectionString must name the role to connect as');
  const unknown = [...url.searchParams.keys()].filter((k) => !ALLOWED_PARAMS.has(k));
  if (unknown.length)
    throw invalid('INGESTION.INVALID_CONNECTION_STRING', `connectionString parameters not allowed: ${unknown.join(', ')} (only sslmode)`);
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode !== null && !['disable', 'require', 'verify-full'].includes(sslmode)) {
    throw invalid('INGESTION.INVALID_CONNECTION_STRING', 'sslmode must be disable, require or verify-full');
  }
  return {
    host,
    port: url.port ? Number(url.port) : DEFAULT_PG_PORT,
    database,
    user,
    password: url.password ? decodeURIComponent(url.password) : null,
    sslmode: sslmode as DatabaseTarget['sslmode'],
  };
}

// Checked when a source is saved and again before every connection (the allow-list may have
// shrunk since). Platform database names are refused on any host: a look-alike name elsewhere
// costs a rename, a miss would expose every service's data.
export function assertTargetAllowed(target: Pick<DatabaseTarget, 'host' | 'port' | 'database'>, policy: DatabaseSourcePolicy): void {
  if (!policy.allowHosts.some((a) => a.host === target.host && a.port === target.port)) {
    throw invalid(
      'INGESTION.DATABASE_HOST_NOT_ALLOWED',
      `${target.host}:${target.port} is not an allowed database host (INGESTION_DATABASE_ALLOW_HOSTS)`,
    );
  }
  if (isPlatformDatabase(target.database, policy)) {
    throw invalid('INGESTION.PLATFORM_DATABASE', `"${target.database}" is one of the platform's own databases`);
  }
}

export const isPlatformDatabase = (name: string, policy: DatabaseSourcePolicy) =>
  policy.platformDatabases.some((p) => p.toLowerCase() === name.toLowerCase());

// Tables only a platform service database has: seeing one means the source points at the
// platform itself, whatever the database is called.
export const PLATFORM_MARKER_TABLES = ['stored_event', 'processed_message'] as const;

// Predefined roles a source role must not hold, directly or through membership: server files,
// server programs, signalling other backends, and reading/writing every table or the server's
// settings and other sessions' statements. None is needed to SELECT from granted tables.
export const FORBIDDEN_ROLES = [
  'pg_read_server_files',
  'pg_write_server_files',
  'pg_execute_server_program',
  'pg_signal_backend',
  'pg_read_all_data',
  'pg_write_all_data',
  'pg_read_all_settings',
  'pg_read_all_stats',
  'pg_monitor',
] as const;

// Functions that read the server's files, revoked from PUBLIC by default; an explicit grant
// bypasses the predefined roles above.
export const FILE_FUNCTIONS = [
  'pg_read_file(text)',
  'pg_read_binary_file(text)',
  'pg_ls_dir(text)',
  'pg_stat_file(text)',
  'lo_import(text)',
  'lo_export(oid, text)',
] as const;

// What the connected session says about its role, over every role it is a member of.
export type RoleFacts = {
  role: string;
  superuser: boolean;
  createRole: boolean;
  createDb: boolean;
  replication: boolean;
  bypassRls: boolean;
  memberOf: readonly string[];
  fileFunctions: readonly string[];
};

export function roleProblems(facts: RoleFacts): string[] {
  const problems: string[] = [];
  if (facts.superuser) problems.push('superuser');
  if (facts.createRole) problems.push('CREATEROLE');
  if (facts.createDb) problems.push('CREATEDB');
  if (facts.replication) problems.push('REPLICATION');
  if (facts.bypassRls) problems.push('BYPASSRLS');
  for (const r of facts.memberOf) problems.push(`member of ${r}`);
  for (const f of facts.fileFunctions) problems.push(`may execute ${f}`);
  return problems;
}
