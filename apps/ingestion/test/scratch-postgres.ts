import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TEST_POSTGRES_BASE } from '@mindhill/testing';

// A throw-away database and roles on the test server, for `database` sources: created as the
// superuser, dropped (with every role made here) by drop().
export type ScratchPostgres = {
  database: string;
  // A connection string for one of the roles made here (or any role name) to the scratch database.
  urlFor(role: string, password?: string): string;
  // CREATE ROLE <name> LOGIN <options> (or <options> alone when they say NOLOGIN), then the statements (with {role} replaced), as the superuser.
  role(label: string, options?: string, ...grants: string[]): Promise<string>;
  admin: Client;
  // Runs SQL as the superuser inside the scratch database.
  inDatabase(sql: string): Promise<unknown[]>;
  drop(): Promise<void>;
};

export async function createScratchPostgres(label: string): Promise<ScratchPostgres> {
  const suffix = randomBytes(4).toString('hex');
  const database = `srcdb_${label}_${suffix}`;
  const admin = new Client({ connectionString: TEST_POSTGRES_BASE });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const dbUrl = new URL(TEST_POSTGRES_BASE);
  dbUrl.pathname = `/${database}`;
  const inDb = new Client({ connectionString: dbUrl.toString() });
  await inDb.connect();
  const roles: string[] = [];
  return {
    database,
    admin,
    urlFor(role, password = 'unused-with-trust-auth') {
      const url = new URL(dbUrl.toString());
      url.username = role;
      url.password = password;
      return url.toString();
    },
    async role(roleLabel, options = '', ...grants) {
      const name = `src_${roleLabel}_${suffix}`;
      await admin.query(
        /NOLOGIN/i.test(options) ? `CREATE ROLE ${name} ${options}` : `CREATE ROLE ${name} LOGIN PASSWORD 'scratch' ${options}`,
      );
      roles.push(name);
      for (const g of grants) await inDb.query(g.replaceAll('{role}', name));
      return name;
    },
    async inDatabase(sql) {
      return (await inDb.query(sql)).rows;
    },
    async drop() {
      await inDb.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      for (const r of roles.reverse()) await admin.query(`DROP ROLE IF EXISTS ${r}`);
      await admin.end();
    },
  };
}
