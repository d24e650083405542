// A named readiness check. `ok: false` makes /health/ready answer 503 naming the check.
export type ReadinessCheck = {
  name: string;
  check: () => Promise<{ ok: boolean; details?: Record<string, unknown> }>;
};

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
