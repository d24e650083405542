// Keys whose values are secrets wherever they appear (bodies, headers, event payloads, logs).
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key|private[-_]?key|credential|otp|backup[-_]?codes?|signature/i;
export const REDACTED = '[REDACTED]';

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

// Returns a deep copy with every secret-named field replaced. Used for logs and for anything
// stored from a request (audit rows), so a secret never lands anywhere in clear.
export function redactSecrets<T>(value: T, depth = 0): T {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1)) as T;
  if (value instanceof Error) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = isSecretKey(k) && v !== null && v !== undefined ? REDACTED : redactSecrets(v, depth + 1);
  }
  return out as T;
}
