import { EVENT_DEFINITIONS } from '@mindhill/contracts';

// Which payload fields each event type must not keep in audit rows (the contracts' audit
// contentFields), as SQL-safe names.
export function contentFieldsByType(definitions = EVENT_DEFINITIONS): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const d of definitions) {
    const fields = (d.audit.contentFields ?? []).filter((f) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(f));
    if (fields.length) out[d.type] = [...fields];
  }
  return out;
}
