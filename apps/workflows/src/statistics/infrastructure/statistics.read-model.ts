import { apiKeys, isoFromPg } from '@mindhill/persistence';
// The seed's statistics function and views answer PostgreSQL numeric and bigint as strings; the
// API answers numbers and ISO dates, under camelCase names (row-keys.ts).
export function statisticsRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v instanceof Date) out[k] = k === 'execution_date' ? v.toISOString().slice(0, 10) : v.toISOString();
    else if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) && !k.endsWith('uuid') && k !== 'entity_id') out[k] = Number(v);
    else out[k] = typeof v === 'string' ? isoFromPg(v) : v;
  }
  return apiKeys(out);
}
