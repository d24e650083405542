import { MikroORM } from '@mikro-orm/postgresql';
import { ClientConfig } from 'pg';
import { z } from 'zod';

// The session settings createOrmConfig gives every connection (driverOptions.connection).
const sessionSettings = z.object({
  statement_timeout: z.number().optional(),
  idle_in_transaction_session_timeout: z.number().optional(),
  connectionTimeoutMillis: z.number().optional(),
  ssl: z.object({ ca: z.string(), rejectUnauthorized: z.boolean() }).optional(),
});

// A connection of our own beside MikroORM's (knex's) pool, with the ORM's URL and session
// settings: for what that pool only lends through internals (a held transaction, LISTEN).
export function ownConnectionConfig(orm: MikroORM): ClientConfig {
  const settings = sessionSettings.parse(orm.config.get('driverOptions')?.connection ?? {});
  return { connectionString: orm.config.get('clientUrl'), ...settings };
}
