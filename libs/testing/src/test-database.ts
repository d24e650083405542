import { randomBytes } from 'node:crypto';
import { MigrationObject } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { createOrmConfig, dropDatabase, ensureDatabase } from '@mindhill/persistence';

export const TEST_POSTGRES_BASE = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestDatabase = { url: string; name: string; drop(): Promise<void> };

// A fresh database per test file (named mindhill_t_<label>_<random>) with the service's
// migrations applied, dropped afterwards.
export async function createTestDatabase(label: string, migrations: MigrationObject[]): Promise<TestDatabase> {
  const name = `mindhill_t_${label}_${randomBytes(4).toString('hex')}`;
  const url = new URL(TEST_POSTGRES_BASE);
  url.pathname = `/${name}`;
  await ensureDatabase(url.toString());
  const orm = await MikroORM.init(createOrmConfig({ clientUrl: url.toString(), entities: [], migrations }));
  try {
    await orm.getMigrator().up();
  } finally {
    await orm.close();
  }
  return { url: url.toString(), name, drop: () => dropDatabase(url.toString()) };
}
