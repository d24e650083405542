import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { MigrationObject } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { createOrmConfig, dropDatabase, ensureDatabase } from '@mindhill/persistence';

// PostgreSQL on this machine through its Unix socket when it has one: on a co-located database
// a TCP loopback write costs several times a socket write, and the apps write once per statement
// (bench/README.md, "Fifth session"). BENCH_POSTGRES_URL chooses, e.g. the TCP address.
const LOCAL_SOCKET = '/var/run/postgresql/.s.PGSQL.5432';
export const POSTGRES_BASE =
  process.env.BENCH_POSTGRES_URL ??
  (existsSync(LOCAL_SOCKET) ? 'postgres://postgres@%2Fvar%2Frun%2Fpostgresql/postgres' : 'postgres://postgres@127.0.0.1:5432/postgres');

export function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_BASE);
  url.pathname = `/${name}`;
  return url.toString();
}

// A fresh database with a service's migrations; every bench database is named mindhill_bench_*.
export async function createDatabase(name: string, migrations: MigrationObject[]): Promise<string> {
  if (!name.startsWith('mindhill_bench_')) throw new Error(`bench databases are mindhill_bench_*: ${name}`);
  const url = databaseUrl(name);
  await dropDatabase(url);
  await ensureDatabase(url);
  const orm = await MikroORM.init(createOrmConfig({ clientUrl: url, entities: [], migrations }));
  try {
    await orm.getMigrator().up();
  } finally {
    await orm.close();
  }
  return url;
}

export async function dropDatabases(names: readonly string[]): Promise<void> {
  for (const name of names) await dropDatabase(databaseUrl(name)).catch(() => undefined);
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
