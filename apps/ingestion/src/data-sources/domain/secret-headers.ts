// Request headers that carry credentials: stored encrypted, redacted in history rows.
const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie)$|api[-_]?key|token|secret|password|passwd|credential|signature|session|auth/i;

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADER.test(name);
}

export function splitHeaders(headers: Record<string, string>): { plain: Record<string, string>; secret: Record<string, string> } {
  const plain: Record<string, string> = {};
  const secret: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (isSecretHeader(key)) secret[key] = value;
    else plain[key] = value;
  }
  return { plain, secret };
}

// Redacts by name pattern and by the names a source marked secret.
export function redactHeaders(headers: Record<string, string>, secretNames: readonly string[] = []): Record<string, string> {
  const marked = new Set(secretNames.map((n) => n.toLowerCase()));
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k, isSecretHeader(k) || marked.has(k.toLowerCase()) ? '[REDACTED]' : v]),
  );
}

// Query parameters whose names look like credentials (`api_key`, `token`, ...) leave the public
// URL for the encrypted credentials.
export function splitQuery(url: URL): { publicUrl: URL; secret: Record<string, string> } {
  const publicUrl = new URL(url);
  const secret: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (isSecretHeader(name)) {
      secret[name] = value;
      publicUrl.searchParams.delete(name);
    }
  }
  return { publicUrl, secret };
}

// A connection string without its password (shown and stored in the public config).
export function splitConnectionString(url: string): { publicUrl: string; password: string | null } {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : null;
  parsed.password = '';
  return { publicUrl: parsed.toString(), password };
}

export function withPassword(publicUrl: string, password: string | null | undefined): string {
  if (!password) return publicUrl;
  const parsed = new URL(publicUrl);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}
