import { MigrationObject } from '@mikro-orm/core';
import { auditMigrations } from '../apps/audit/src/migrations';
import { authMigrations } from '../apps/auth/src/migrations';
import { ingestionMigrations } from '../apps/ingestion/src/migrations';
import { processingMigrations } from '../apps/processing/src/migrations';
import { reportingMigrations } from '../apps/reporting/src/migrations';
import { workflowsMigrations } from '../apps/workflows/src/migrations';

export type AppName = 'gateway' | 'auth' | 'workflows' | 'ingestion' | 'processing' | 'reporting' | 'audit';

export type AppEntry = { name: AppName; defaultPort: number; migrations?: MigrationObject[] };

// The seven apps, in start order (the gateway last, so it only opens once services answer).
export const APPS: readonly AppEntry[] = [
  { name: 'auth', defaultPort: 3001, migrations: authMigrations },
  { name: 'workflows', defaultPort: 3002, migrations: workflowsMigrations },
  { name: 'ingestion', defaultPort: 3003, migrations: ingestionMigrations },
  { name: 'processing', defaultPort: 3004, migrations: processingMigrations },
  { name: 'reporting', defaultPort: 3005, migrations: reportingMigrations },
  { name: 'audit', defaultPort: 3006, migrations: auditMigrations },
  { name: 'gateway', defaultPort: 8080 },
];

const upper = (name: AppName) => name.toUpperCase();

export function portOf(app: AppEntry, env: NodeJS.ProcessEnv): number {
  return Number(env[`${upper(app.name)}_PORT`] ?? app.defaultPort);
}

export function databaseUrlOf(app: AppEntry, env: NodeJS.ProcessEnv): string {
  return env[`${upper(app.name)}_DATABASE_URL`] ?? `postgres://postgres@127.0.0.1:5432/mindhill_${app.name}`;
}
