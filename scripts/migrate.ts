import { MikroORM } from '@mikro-orm/postgresql';
import { createOrmConfig, ensureDatabase } from '@mindhill/persistence';
import { APPS, AppEntry, databaseUrlOf } from './service-catalog';

// Creates a service's database when missing and applies its pending migrations.
// Usage: node dist/scripts/migrate.js [app ...]   (no argument: every app with a database)
export async function migrateApp(app: AppEntry, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  if (!app.migrations) return [];
  const url = databaseUrlOf(app, env);
  await ensureDatabase(url);
  const orm = await MikroORM.init(
    createOrmConfig({ clientUrl: url, entities: [], migrations: app.migrations, sslCa: env.DATABASE_SSL_CA || undefined }),
  );
  try {
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    await orm.close();
  }
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !APPS.some((a) => a.name === w));
  if (unknown.length > 0) throw new Error(`Unknown app(s): ${unknown.join(', ')}. Known: ${APPS.map((a) => a.name).join(', ')}`);
  for (const app of APPS.filter((a) => a.migrations && (wanted.length === 0 || wanted.includes(a.name)))) {
    const applied = await migrateApp(app);
    process.stdout.write(`${app.name}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}\n`);
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`Migration failed: ${error.message}\n`);
    process.exit(1);
  });
}
