import { MikroORM } from '@mikro-orm/postgresql';
import { createOrmConfig, rebuildProjections } from '@mindhill/persistence';
import { PROJECTIONS } from './projections';
import { APPS, databaseUrlOf } from './service-catalog';

// Drops a service's projections of its own events and replays its stored events into them.
// Usage: npm run rebuild -- <service>

// Replays one service's stored events into its emptied projections; answers how many.
export async function rebuildService(name: string, env: NodeJS.ProcessEnv = process.env): Promise<{ events: number }> {
  const projections = PROJECTIONS[name];
  const app = APPS.find((a) => a.name === name);
  if (!projections || !app) throw new Error(`Usage: npm run rebuild -- <${Object.keys(PROJECTIONS).join('|')}>`);
  const orm = await MikroORM.init(
    createOrmConfig({
      clientUrl: databaseUrlOf(app, env),
      entities: projections.entities,
      migrations: [],
      sslCa: env.DATABASE_SSL_CA || undefined,
    }),
  );
  try {
    return await rebuildProjections(orm, name, projections);
  } finally {
    await orm.close();
  }
}

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  const started = Date.now();
  const { events } = await rebuildService(name);
  process.stdout.write(`${name}: rebuilt ${PROJECTIONS[name]!.tables.join(', ')} from ${events} events in ${Date.now() - started} ms\n`);
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`Rebuild failed: ${error.message}\n`);
    process.exit(1);
  });
}
