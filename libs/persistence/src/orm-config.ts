import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, Options } from '@mikro-orm/postgresql';
import { MigrationObject } from '@mikro-orm/core';
import { getLogger } from '@mindhill/platform';
import { deferBegin } from './deferred-begin';
import { DirectPostgreSqlDriver } from './direct-driver';
import { userRoleEntrySchema } from './user-role.entity';
import { workflowAccessEntrySchema } from './workflow-access.entity';

// The read models this library keeps for several services (user_roles, workflow_access). Every
// service's ORM knows them, so no service module lists them; a service without the table never
// queries it, and nothing is synchronised from entities at run time (migrations make the schema).
export const SHARED_READ_MODEL_ENTITIES = [userRoleEntrySchema, workflowAccessEntrySchema];

export type OrmConfigInput = {
  clientUrl: string;
  entities: Options['entities'];
  migrations: MigrationObject[];
  // PEM of the CA to trust when the server requires TLS; certificates are always verified.
  sslCa?: string;
  poolMax?: number;
};

export function createOrmConfig(input: OrmConfigInput): Options {
  return defineConfig({
    // Statements go straight to pg, past knex's query runner (direct-driver.ts).
    driver: DirectPostgreSqlDriver,
    clientUrl: input.clientUrl,
    entities: [...new Set([...SHARED_READ_MODEL_ENTITIES, ...(input.entities ?? [])])],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: {
      migrationsList: input.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
      // What generateMigration writes: TypeScript, named like the existing ones.
      emit: 'ts',
      fileName: (timestamp, name) => `Migration${timestamp}${name ?? ''}`,
    },
    forceUtcTimezone: true,
    // Databases are created by the migrate step only: a mistyped URL must fail, not start empty.
    ensureDatabase: false,
    allowGlobalContext: false,
    // An idle connection is kept a minute, past the job workers' 30-s safety poll, so a service at
    // rest does not reconnect for every look; tarn's reaper runs every 5 s instead of every second.
    pool: {
      min: 0,
      max: input.poolMax ?? 10,
      idleTimeoutMillis: 60_000,
      reapIntervalMillis: 5_000,
      // Every transaction's BEGIN travels with its first statement (deferred-begin.ts).
      afterCreate: (connection: Parameters<typeof deferBegin>[0], done: (error: Error | null, c: unknown) => void) =>
        done(null, deferBegin(connection)),
    },
    driverOptions: {
      // knex would print pool problems (a dropped connection) with console.log.
      log: {
        warn: (message: unknown) => getLogger('database').warn({ detail: String(message) }, 'Database driver warning'),
        error: (message: unknown) => getLogger('database').error({ detail: String(message) }, 'Database driver error'),
        deprecate: (message: unknown) => getLogger('database').debug({ detail: String(message) }, 'Database driver deprecation'),
        debug: () => undefined,
      },
      connection: {
        statement_timeout: 30_000,
        idle_in_transaction_session_timeout: 30_000,
        connectionTimeoutMillis: 5_000,
        ...(input.sslCa ? { ssl: { ca: input.sslCa, rejectUnauthorized: true } } : {}),
      },
    },
    debug: false,
  });
}
