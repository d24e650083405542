// The one backoff of the platform: retry n (1-based) waits base × 2^(n-1), capped at max; with
// jitter (the default) it waits between half and all of that, so many retries do not arrive in
// step. Stage retries, consumer retries, outage waits, job retries and source fetches all use it.
export type Backoff = { baseMs: number; maxMs: number; jitter?: boolean };

export function backoffDelayMs(retry: number, backoff: Backoff, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(retry - 1, 30));
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** exponent);
  if (backoff.jitter === false) return ceiling;
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
