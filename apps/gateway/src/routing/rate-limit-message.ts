// What a 429 says: the real budget (limit and window, and whose budget it is) and when the
// caller may try again. @fastify/rate-limit's own `after` is the time left, not the window.
export function rateLimitMessage(limit: number, windowSeconds: number, per: 'user' | 'client address', retryInMs: number): string {
  return `Rate limit: ${limit} requests per ${windowName(windowSeconds)} per ${per}; retry in ${Math.max(1, Math.ceil(retryInMs / 1000))} s`;
}

function windowName(seconds: number): string {
  if (seconds === 3_600) return 'hour';
  if (seconds === 60) return 'minute';
  if (seconds % 3_600 === 0) return `${seconds / 3_600} hours`;
  if (seconds % 60 === 0) return `${seconds / 60} minutes`;
  return `${seconds} s`;
}
