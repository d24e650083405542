import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM, Options } from '@mikro-orm/postgresql';
import { createOrmConfig, generateMigration, UserRoleEntry, WorkflowAccessEntry } from '@mindhill/persistence';
import { createTestDatabase, TestDatabase } from '@mindhill/testing';
import { DeadLetter } from '../../apps/audit/src/dead-letters/infrastructure/dead-letter.entity';
import { auditMigrations } from '../../apps/audit/src/migrations';
import { Setting } from '../../apps/auth/src/settings/infrastructure/setting.entity';
import { User } from '../../apps/auth/src/users/infrastructure/user.entity';
import { APPS, AppName } from '../../scripts/service-catalog';

// Each service's entities and the tables they own (ADR 0014). The User entity predates the
// entity/migration check and maps only part of users (it is read with SQL where it falls short),
// so auth is checked on system_settings only.
const ENTITY_BACKED: Partial<Record<AppName, { entities: NonNullable<Options['entities']>; tables: string[] }>> = {
  auth: { entities: [User, Setting], tables: ['system_settings'] },
  workflows: { entities: [UserRoleEntry], tables: ['user_roles'] },
  ingestion: { entities: [WorkflowAccessEntry], tables: ['workflow_access'] },
  processing: { entities: [WorkflowAccessEntry], tables: ['workflow_access'] },
  reporting: { entities: [UserRoleEntry, WorkflowAccessEntry], tables: ['user_roles', 'workflow_access'] },
  audit: { entities: [DeadLetter], tables: ['dead_letters'] },
};

// Everything a migration can create, as comparable text (the migrator's own table aside).
const SCHEMA_OBJECTS = `
  SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS o
    FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE 'mikro_orm_migrations%'
  UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE 'mikro_orm_migrations%'
  UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE 'mikro_orm_migrations%'
  UNION ALL SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public'
  UNION ALL SELECT 'sequence ' || sequence_name FROM information_schema.sequences
    WHERE sequence_schema = 'public' AND sequence_name NOT LIKE 'mikro_orm_migrations%'
  UNION ALL SELECT 'function ' || p.oid::regprocedure FROM pg_proc p
    WHERE p.pronamespace = 'public'::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  UNION ALL SELECT 'extension ' || extname FROM pg_extension
  ORDER BY 1`;

async function schemaOf(orm: MikroORM): Promise<string[]> {
  const rows = await orm.em.fork().execute<{ o: string }[]>(SCHEMA_OBJECTS);
  return rows.map((r) => r.o);
}

describe.each(APPS.filter((a) => a.migrations).map((a) => [a.name, a.migrations!] as const))('%s migrations', (name, migrations) => {
  let db: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    db = await createTestDatabase(`mig_${name}`, []);
    orm = await MikroORM.init(createOrmConfig({ clientUrl: db.url, entities: [], migrations }));
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  it('migrates up, down to zero (leaving the database as it was) and up again to the same schema', async () => {
    const empty = await schemaOf(orm);
    const migrator = orm.getMigrator();
    expect((await migrator.up()).map((m) => m.name)).toEqual(migrations.map((m) => m.name));
    const migrated = await schemaOf(orm);
    expect(migrated.length).toBeGreaterThan(empty.length);

    expect(await migrator.down({ to: 0 })).toHaveLength(migrations.length);
    expect(await schemaOf(orm)).toEqual(empty);

    await migrator.up();
    expect(await schemaOf(orm)).toEqual(migrated);
  });

  const backed = ENTITY_BACKED[name];
  if (backed) {
    it(`maps ${backed.tables.join(', ')} exactly as the migrations create ${backed.tables.length > 1 ? 'them' : 'it'}`, async () => {
      // What the migrator would generate from the entities, on a second database.
      const scratch = await createTestDatabase(`mig_${name}_entities`, []);
      const dir = await mkdtemp(join(tmpdir(), 'mindhill-migrations-'));
      try {
        const input = { clientUrl: scratch.url, entities: backed.entities, migrations, path: dir, name: 'Drift' };
        const generated = await generateMigration(input);
        const statements = [...(generated?.up ?? []), ...(generated?.down ?? [])];
        expect(statements.filter((s) => backed.tables.some((t) => new RegExp(`\\b${t}\\b`).test(s)))).toEqual([]);
      } finally {
        await scratch.drop();
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('generateMigration', () => {
  let db: TestDatabase;
  let dir: string;

  beforeEach(async () => {
    db = await createTestDatabase('mig_generate', []);
    dir = await mkdtemp(join(tmpdir(), 'mindhill-migrations-'));
  });
  afterEach(async () => {
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes nothing when the entities and the migrations agree', async () => {
    const input = { clientUrl: db.url, entities: [DeadLetter], migrations: auditMigrations, path: dir, name: 'Nothing' };
    expect(await generateMigration(input)).toBeNull();
  });

  it('writes the table an entity has and the migrations lack, reversible', async () => {
    const withoutDeadLetters = auditMigrations.filter((m) => m.name !== 'Migration20261126084000DeadLetters');
    const input = { clientUrl: db.url, entities: [DeadLetter], migrations: withoutDeadLetters, path: dir, name: 'DeadLetters' };
    const generated = await generateMigration(input);
    expect(generated?.fileName).toMatch(/^Migration\d{14}DeadLetters\.ts$/);
    expect(generated?.up.join('\n')).toContain('create table "dead_letters"');
    expect(generated?.down.join('\n')).toContain('drop table if exists "dead_letters"');
    // Tables without an entity are left alone both ways.
    expect([...generated!.up, ...generated!.down].join('\n')).not.toMatch(/audit_logs|stored_event|outbox|"job"/);
  });
});
