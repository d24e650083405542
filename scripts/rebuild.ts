import { MikroORM } from '@mikro-orm/postgresql';
import { createOrmConfig, rebuildProjections, ServiceProjections } from '@mindhill/persistence';
import { authProjections } from '../apps/auth/src/auth.projections';
import { ingestionProjections } from '../apps/ingestion/src/ingestion.projections';
import { processingProjections } from '../apps/processing/src/processing.projections';
import { reportingProjections } from '../apps/reporting/src/reporting.projections';
import { workflowsProjections } from '../apps/workflows/src/workflows.projections';
import { APPS, databaseUrlOf } from './service-catalog';

// Drops a service's projections of its own events and replays its stored events into them.
// Usage: npm run rebuild -- <service>
const PROJECTIONS: Record<string, ServiceProjections> = {
  auth: authProjections,
  workflows: workflowsProjections,
  reporting: reportingProjections,
  processing: processingProjections,
  ingestion: ingestionProjections,
};

async function main(): Promise<void> {
  const name = process.argv[2];
  const projections = name ? PROJECTIONS[name] : undefined;
  const app = APPS.find((a) => a.name === name);
  if (!projections || !app) throw new Error(`Usage: npm run rebuild -- <${Object.keys(PROJECTIONS).join('|')}>`);
  const orm = await MikroORM.init(
    createOrmConfig({
      clientUrl: databaseUrlOf(app, process.env),
      entities: projections.entities,
      migrations: [],
      sslCa: process.env.DATABASE_SSL_CA || undefined,
    }),
  );
  try {
    const started = Date.now();
    const { events } = await rebuildProjections(orm, name!, projections);
    process.stdout.write(`${name}: rebuilt ${projections.tables.join(', ')} from ${events} events in ${Date.now() - started} ms\n`);
  } finally {
    await orm.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`Rebuild failed: ${error.message}\n`);
  process.exit(1);
});
