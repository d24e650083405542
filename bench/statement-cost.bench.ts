import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { createOrmConfig, executeBound } from '@mindhill/persistence';
import { createDatabase, dropDatabases } from './lib/databases';
import { ResultRow, summarize } from './lib/stats';

// Benchmark 8: what one statement costs the calling process, by the path it takes. Every hop of a
// run is a handful of statements (~140 per run across the apps), and on this machine a round trip
// is most of a hop's CPU. The same one-row read, N times in turn on one connection, through:
// em.execute (values inlined as literals, what most of the code uses) on MikroORM's own driver
// and on the platform's (direct-driver.ts), knex raw with bind parameters, executeBound, and the
// pg client itself, unnamed and named (prepared once per connection).
const READ = 'SELECT max(version) AS v FROM stored_event WHERE stream_id = ?';

export async function statementCostBench(o: { runId: string; statements: number }): Promise<{ rows: ResultRow[]; details: unknown }> {
  const name = `mindhill_bench_${o.runId}_statements`;
  const url = await createDatabase(name, []);
  const config = createOrmConfig({ clientUrl: url, entities: [], migrations: [], poolMax: 1 });
  // The platform's driver (DirectPostgreSqlDriver) and MikroORM's own, side by side.
  const orm = await MikroORM.init(config);
  const stock = await MikroORM.init({ ...config, driver: PostgreSqlDriver });
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE stored_event (stream_id varchar(200) NOT NULL, version int NOT NULL)');
    await client.query('CREATE INDEX ON stored_event (stream_id)');
    const text = READ.replace('?', '$1');
    const paths: [string, (i: number) => Promise<unknown>][] = [
      ["em.execute, MikroORM's own driver (inlined values, through knex)", (i) => stock.em.fork().execute(READ, [`s-${i}`])],
      ['em.execute, the platform driver (inlined values, straight to pg)', (i) => orm.em.fork().execute(READ, [`s-${i}`])],
      ['knex raw with bind parameters (executeBound before 7 Dec)', (i) => orm.em.getKnex().raw(READ, [`s-${i}`])],
      ['executeBound, the platform driver (bind parameters, straight to pg)', (i) => executeBound(orm.em.fork(), READ, [`s-${i}`])],
      ['pg client, unnamed statement', (i) => client.query(text, [`s-${i}`])],
      ['pg client, named (prepared once)', (i) => client.query({ name: 'read', text, values: [`s-${i}`] })],
    ];
    const rows: ResultRow[] = [];
    const details: Record<string, { cpuUs: number; wallUs: number }> = {};
    for (const [label, run] of paths) {
      for (let i = 0; i < 200; i++) await run(i); // warm-up
      const cpu = process.cpuUsage();
      const start = performance.now();
      for (let i = 0; i < o.statements; i++) await run(i);
      const used = process.cpuUsage(cpu);
      const cpuUs = (used.user + used.system) / o.statements;
      const wallUs = ((performance.now() - start) * 1000) / o.statements;
      details[label] = { cpuUs, wallUs };
      rows.push({
        benchmark: '8. statements',
        metric: `client CPU per statement, ${label}`,
        unit: 'µs',
        value: summarize([Math.round(cpuUs)]),
        note: `round trip ${Math.round(wallUs)} µs; ${o.statements} in turn on one connection`,
      });
    }
    return { rows, details };
  } finally {
    await client.end();
    await orm.close();
    await stock.close();
    await dropDatabases([name]);
  }
}
