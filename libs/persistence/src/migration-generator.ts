import { MigrationObject } from '@mikro-orm/core';
import { MikroORM, Options } from '@mikro-orm/postgresql';
import { createOrmConfig } from './orm-config';

export type GenerateMigrationInput = {
  // A scratch database: the service's migrations are applied to it first.
  clientUrl: string;
  // Exactly the service's entity-backed tables (the shared read models only where it has them).
  entities: NonNullable<Options['entities']>;
  migrations: MigrationObject[];
  // Where the file goes (apps/<service>/src/migrations) and the name after the timestamp.
  path: string;
  name: string;
};

export type GeneratedMigration = { fileName: string; up: string[]; down: string[] };

// The migration a service needs after an entity changed (ADR 0014): MikroORM's migrator compares
// the entities with the migrated database and writes the difference, up and down. Tables without
// an entity (kept with raw SQL) are left out of the comparison, so they are never touched; an
// entity-backed table is mapped whole. Null when entities and migrations already agree. The file
// is then read, and listed in the service's migrations/index.ts.
export async function generateMigration(input: GenerateMigrationInput): Promise<GeneratedMigration | null> {
  const config = createOrmConfig({ clientUrl: input.clientUrl, entities: [], migrations: input.migrations });
  const migrated = await MikroORM.init(config);
  let tables: string[];
  try {
    await migrated.getMigrator().up();
    const rows = await migrated.em
      .fork()
      .execute<{ name: string }[]>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`);
    tables = rows.map((r) => r.name);
  } finally {
    await migrated.close();
  }

  const orm = await MikroORM.init({
    ...config,
    entities: input.entities,
    migrations: { ...config.migrations, path: input.path, safe: false, dropTables: true },
  });
  try {
    const mapped = new Set(Object.values(orm.getMetadata().getAll()).map((meta) => meta.tableName));
    orm.config.set('schemaGenerator', { ...orm.config.get('schemaGenerator'), skipTables: tables.filter((t) => !mapped.has(t)) });
    const result = await orm.getMigrator().createMigration(input.path, false, false, input.name);
    return result.fileName ? { fileName: result.fileName, up: result.diff.up, down: result.diff.down } : null;
  } finally {
    await orm.close();
  }
}
