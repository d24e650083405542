// The path the gateway forwards: the declared route with the matched parameters put back,
// each percent-encoded, never the client's spelling. A parameter that would change the route
// once an upstream decodes or normalises it (a slash, a backslash, a dot segment, an empty value)
// routes nowhere: null.
export function canonicalPath(routePath: string, params: unknown): string | null {
  const values = (params ?? {}) as Record<string, unknown>;
  let ok = true;
  const path = routePath.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = values[name];
    if (typeof value !== 'string' || value === '' || value === '.' || value === '..' || /[/\\]/.test(value)) {
      ok = false;
      return '';
    }
    return encodeURIComponent(value);
  });
  return ok ? path : null;
}

// The query string as sent (from the first '?'), if it is plain printable ASCII and its
// %-escapes decode as UTF-8; undefined otherwise (a raw non-ASCII byte, a space, a control
// character, `%zz`, an encoded lone surrogate). reply-from decodes the whole URL and would throw.
export function forwardableQuery(rawUrl: string): string | undefined {
  const q = rawUrl.indexOf('?');
  if (q === -1) return '';
  const query = rawUrl.slice(q);
  if (!/^[\x21-\x7e]*$/.test(query)) return undefined;
  try {
    decodeURIComponent(query);
  } catch {
    return undefined;
  }
  return query;
}
