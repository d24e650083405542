// Where a page of GET /api/v1/executions ended: the last run's created_at in microseconds (the
// precision PostgreSQL keeps; a JS Date would round and skip or repeat runs) and its id, the
// tie-breaker for runs created in the same microsecond. Opaque to clients: base64url JSON.
export type ExecutionCursor = { t: string; id: number };

export function encodeExecutionCursor(c: ExecutionCursor): string {
  return Buffer.from(JSON.stringify({ t: c.t, id: c.id })).toString('base64url');
}

// null for anything this API did not answer (the schema turns that into a coded 400).
export function decodeExecutionCursor(raw: string): ExecutionCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(raw)) return null;
  try {
    const c: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof c !== 'object' || c === null) return null;
    const { t, id } = c as Record<string, unknown>;
    // id is a SERIAL: a positive int4.
    if (typeof t === 'string' && /^\d{1,17}$/.test(t) && Number.isInteger(id) && (id as number) > 0 && (id as number) <= 2_147_483_647)
      return { t, id: id as number };
  } catch {
    // not JSON: refused below
  }
  return null;
}
