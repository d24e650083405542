import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { createOrmConfig } from '@mindhill/persistence';
import { createDatabase, dropDatabases } from './lib/databases';
import { ResultRow, summarize } from './lib/stats';

// Benchmark 8: what one statement costs the calling process, by the path it takes. Every hop of a
// run is a handful of statements (~140 per run across the apps), and on this machine a round trip
// is most of a hop's CPU. The same one-row read, N times in turn on one connection, through:
// MikroORM's em.execute (values inlined as literals, what most of the code uses), knex raw with
// bind parameters (executeBound), and the pg client itself, unnamed, named (prepared once per
// connection) and as a simple query.
const READ = 'SELECT max(version) AS v FROM stored_event WHERE stream_id = ?';

export async function statementCostBench(o: { runId: string; statements: number }): Promise<{ rows: ResultRow[]; details: unknown }> {
  const name = `mindhill_bench_${o.runId}_statements`;
  const url = await createDatabase(name, []);
  const orm = await MikroORM.init(createOrmConfig({ clientUrl: url, entities: [], migrations: [], poolMax: 1 }));
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE stored_event (stream_id varchar(200) NOT NULL, version int NOT NULL)');
    await client.query('CREATE INDEX ON stored_event (stream_id)');
    const text = READ.replace('?', '$1');
    const paths: [string, (i: number) => Promise<unknown>][] = [
      ['MikroORM em.execute (inlined values)', (i) => orm.em.fork().execute(READ, [`s-${i}`])],
      ['knex raw with bind parameters (executeBound)', (i) => orm.em.getKnex().raw(READ, [`s-${i}`])],
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
    await dropDatabases([name]);
  }
}
