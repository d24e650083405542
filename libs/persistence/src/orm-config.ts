import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, Options } from '@mikro-orm/postgresql';
import { MigrationObject } from '@mikro-orm/core';
import { getLogger } from '@mindhill/platform';

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
    clientUrl: input.clientUrl,
    entities: input.entities,
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: { migrationsList: input.migrations, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    forceUtcTimezone: true,
    // Databases are created by the migrate step only: a mistyped URL must fail, not start empty.
    ensureDatabase: false,
    allowGlobalContext: false,
    pool: { min: 0, max: input.poolMax ?? 10, idleTimeoutMillis: 10_000 },
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
