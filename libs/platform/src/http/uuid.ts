// An id taken from a URL: only a well-formed UUID may reach a uuid column (anything else would
// make PostgreSQL fail the query, a 500, where the caller deserves a 404).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
