// The seed's statistics function and views answer PostgreSQL numeric and bigint as strings; the
// API answers numbers and ISO dates.
// How PostgreSQL prints a timestamptz when the driver hands it over as text
// ("2026-12-06 07:44:49.022+00"); answered as ISO 8601 like every other time in the API.
const PG_TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}(:?\d{2})?|Z)$/;

export function numbers(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v instanceof Date) out[k] = k === 'execution_date' ? v.toISOString().slice(0, 10) : v.toISOString();
    else if (typeof v === 'string' && PG_TIMESTAMPTZ.test(v)) out[k] = new Date(v).toISOString();
    else if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) && !k.endsWith('uuid') && k !== 'entity_id') out[k] = Number(v);
    else out[k] = v;
  }
  return out;
}
