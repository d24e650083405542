// The ORM's driver hands timestamptz columns of raw queries over as PostgreSQL prints them
// ("2026-12-06 07:44:49.022+00"). The API and report files answer ISO 8601 everywhere.
const PG_TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}(:?\d{2})?|Z)$/;

export function isoFromPg(value: string): string {
  return PG_TIMESTAMPTZ.test(value) ? new Date(value).toISOString() : value;
}
